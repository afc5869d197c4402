// Package drawprooftest holds an honest seoul-event-draw/v2 draw and one
// tampering per verification step, shared by the tests of drawproof and of
// the verify-draw command (each step must fail by name at both levels).
package drawprooftest

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/seoul-gov/homepage/services/event/drawproof"
)

// The honest draw's entry period and lottery value.
var (
	Starts = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	Ends   = Starts.Add(14 * 24 * time.Hour)
)

// LotteryValue is the lottery source's canonical value in HonestV2.
const LotteryValue = "1.7.12.25.31.40./3./"

// Seed is the operator's seed in HonestV2: bytes 00 01 … 1f.
func Seed() []byte {
	s := make([]byte, drawproof.SeedSize)
	for i := range s {
		s[i] = byte(i)
	}
	return s
}

// Slots are HonestV2's prize slots.
var Slots = []drawproof.Slot{{PrizeID: "p1", Count: 1}, {PrizeID: "p2", Count: 2}}

// HonestV2 is a v2 draw as the service publishes it: a lottery and a
// beacon round announced before the period, five entries with derived ids,
// both values entered by two officials after the close.
func HonestV2() drawproof.Inputs {
	s := Seed()
	doc := must(json.Marshal(map[string]any{"format": "seoul-event-announcement/v2", "draw_algorithm": drawproof.AlgorithmV2,
		"entry_starts_at": Starts, "entry_ends_at": Ends,
		"prizes":          []map[string]any{{"id": "p1", "count": 1}, {"id": "p2", "count": 2}},
		"seed_commitment": drawproof.Commitment(s),
		"draw_sources": []map[string]any{{"id": "lotto", "kind": "lottery", "available_after": Ends.Add(24 * time.Hour)},
			{"id": "beacon", "kind": "beacon", "available_after": Ends}}}))
	in := drawproof.Inputs{EventID: "0190a000-0000-7000-8000-0000000000e1", Algorithm: drawproof.AlgorithmV2,
		AnnouncementDocument: string(doc), AnnouncementHash: drawproof.Hash(doc), SeedCommitment: drawproof.Commitment(s),
		CommitTime: Starts.Add(-72 * time.Hour), EntryEndTime: Ends, CloseTime: Ends.Add(time.Minute),
		Seed: hex.EncodeToString(s), DrawTime: Ends.Add(48 * time.Hour),
		Prizes: []drawproof.SlotJSON{{PrizeID: "p1", Count: 1}, {PrizeID: "p2", Count: 2}}}
	for i := range 5 {
		at := Starts.Add(time.Duration(i+1) * time.Hour)
		p := fmt.Sprintf("pseudonym-%d", i)
		in.Entries = append(in.Entries, drawproof.EntryJSON{ID: drawproof.EntryID(in.EventID, p, at), Pseudonym: p, EnteredAt: at})
	}
	in.EntryIDs = SortedIDs(in.Entries)
	in.EntryListDigest = must(drawproof.EntryListDigest(in.EntryIDs))
	beacon := hex.EncodeToString(make([]byte, 32))
	entered := Ends.Add(25 * time.Hour)
	in.DrawSources = []drawproof.SourceJSON{
		{ID: "lotto", Value: LotteryValue, Entries: []drawproof.ValueEntry{{Official: "o1", Value: LotteryValue, EnteredAt: entered},
			{Official: "o2", Value: LotteryValue, EnteredAt: entered.Add(time.Minute)}}},
		{ID: "beacon", Value: beacon, Entries: []drawproof.ValueEntry{{Official: "o1", Value: beacon, EnteredAt: entered},
			{Official: "o3", Value: beacon, EnteredAt: entered}}},
	}
	key := drawproof.Key(s, []drawproof.SourceValue{{ID: "lotto", Value: LotteryValue}, {ID: "beacon", Value: beacon}})
	for _, w := range must(drawproof.Draw(key, in.EntryIDs, Slots)) {
		in.Winners = append(in.Winners, drawproof.WinnerJSON(w))
	}
	return in
}

// Tamperings maps each verification step of a v2 draw to a change of
// HonestV2 that this step, first of all, must catch.
func Tamperings() map[string]func(in *drawproof.Inputs) {
	return map[string]func(in *drawproof.Inputs){
		"algorithm":                       func(in *drawproof.Inputs) { in.Algorithm = "seoul-event-draw/v0" },
		"announcement matches hash":       func(in *drawproof.Inputs) { in.AnnouncementDocument += " " },
		"prize slots as announced":        func(in *drawproof.Inputs) { in.Prizes[1].Count = 3 },
		"commitment as announced":         func(in *drawproof.Inputs) { in.SeedCommitment = drawproof.Commitment(make([]byte, 32)) },
		"algorithm as announced":          func(in *drawproof.Inputs) { reannounce(in, "draw_algorithm", drawproof.Algorithm) },
		"announced before entries opened": func(in *drawproof.Inputs) { in.CommitTime = Starts.Add(time.Second) },
		"closed after the entry period":   func(in *drawproof.Inputs) { in.CloseTime = Ends.Add(-time.Second) },
		"randomness sources announced": func(in *drawproof.Inputs) {
			reannounce(in, "draw_sources", []map[string]any{{"id": "lotto", "kind": "lottery", "available_after": Ends.Add(-time.Hour)},
				{"id": "beacon", "kind": "beacon", "available_after": Ends}})
		},
		"source values entered after the close": func(in *drawproof.Inputs) { in.DrawSources[1].Entries[0].EnteredAt = Ends },
		"source values confirmed by two officials": func(in *drawproof.Inputs) {
			in.DrawSources[0].Entries[1].Official = "o1" // the same official twice
		},
		"seed revealed":                  func(in *drawproof.Inputs) { in.Seed = "" },
		"seed matches commitment":        func(in *drawproof.Inputs) { in.Seed = hex.EncodeToString(make([]byte, 32)) },
		"entry ids derived from entries": func(in *drawproof.Inputs) { in.Entries[2].Pseudonym = "someone-else" },
		"entries within the entry period": func(in *drawproof.Inputs) {
			at := Ends.Add(time.Second)
			in.Entries[0].EnteredAt, in.Entries[0].ID = at, drawproof.EntryID(in.EventID, in.Entries[0].Pseudonym, at)
			in.EntryIDs = SortedIDs(in.Entries)
		},
		"entry list canonical":      func(in *drawproof.Inputs) { in.EntryIDs[0], in.EntryIDs[1] = in.EntryIDs[1], in.EntryIDs[0] },
		"entry list matches digest": func(in *drawproof.Inputs) { in.EntryListDigest = drawproof.Commitment(nil) },
		"winners recomputed":        func(in *drawproof.Inputs) { in.Winners[0], in.Winners[1] = in.Winners[1], in.Winners[0] },
	}
}

// reannounce replaces one field of the announcement document and re-hashes
// it, as an operator rewriting the announcement would have to.
func reannounce(in *drawproof.Inputs, field string, v any) {
	var doc map[string]any
	if err := json.Unmarshal([]byte(in.AnnouncementDocument), &doc); err != nil {
		panic(err)
	}
	doc[field] = v
	b := must(json.Marshal(doc))
	in.AnnouncementDocument, in.AnnouncementHash = string(b), drawproof.Hash(b)
}

// SortedIDs is the canonical entry list of es.
func SortedIDs(es []drawproof.EntryJSON) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	slices.Sort(out)
	return out
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
