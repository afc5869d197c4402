package drawproof_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/event/drawproof"
)

var (
	v2Starts = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	v2Ends   = v2Starts.Add(14 * 24 * time.Hour)
)

const lotteryValue = "1.7.12.25.31.40./3./"

// publishedV2 builds an honest v2 draw as the service publishes it: a
// lottery and a beacon round announced before the period, five entries with
// derived ids, both values entered by two officials after the close.
func publishedV2(t *testing.T) drawproof.Inputs {
	t.Helper()
	s := seed()
	doc, err := json.Marshal(map[string]any{"format": "seoul-event-announcement/v2", "draw_algorithm": drawproof.AlgorithmV2,
		"entry_starts_at": v2Starts, "entry_ends_at": v2Ends,
		"prizes":          []map[string]any{{"id": "p1", "count": 1}, {"id": "p2", "count": 2}},
		"seed_commitment": drawproof.Commitment(s),
		"draw_sources": []map[string]any{{"id": "lotto", "kind": "lottery", "available_after": v2Ends.Add(24 * time.Hour)},
			{"id": "beacon", "kind": "beacon", "available_after": v2Ends}}})
	require.NoError(t, err)
	in := drawproof.Inputs{EventID: "0190a000-0000-7000-8000-0000000000e1", Algorithm: drawproof.AlgorithmV2,
		AnnouncementDocument: string(doc), AnnouncementHash: drawproof.Hash(doc), SeedCommitment: drawproof.Commitment(s),
		CommittedAt: v2Starts.Add(-72 * time.Hour), EntryEndsAt: v2Ends, ClosedAt: v2Ends.Add(time.Minute),
		Seed: hex.EncodeToString(s), DrawnAt: v2Ends.Add(48 * time.Hour),
		Prizes: []drawproof.SlotJSON{{PrizeID: "p1", Count: 1}, {PrizeID: "p2", Count: 2}}}
	for i := range 5 {
		at := v2Starts.Add(time.Duration(i+1) * time.Hour)
		p := fmt.Sprintf("pseudonym-%d", i)
		in.Entries = append(in.Entries, drawproof.EntryJSON{ID: drawproof.EntryID(in.EventID, p, at), Pseudonym: p, EnteredAt: at})
		in.EntryIDs = append(in.EntryIDs, in.Entries[i].ID)
	}
	slices.Sort(in.EntryIDs)
	in.EntryListDigest, err = drawproof.EntryListDigest(in.EntryIDs)
	require.NoError(t, err)
	beacon := hex.EncodeToString(make([]byte, 32))
	entered := v2Ends.Add(25 * time.Hour)
	in.DrawSources = []drawproof.SourceJSON{
		{ID: "lotto", Value: lotteryValue, Entries: []drawproof.ValueEntry{{Official: "o1", Value: lotteryValue, EnteredAt: entered},
			{Official: "o2", Value: lotteryValue, EnteredAt: entered.Add(time.Minute)}}},
		{ID: "beacon", Value: beacon, Entries: []drawproof.ValueEntry{{Official: "o1", Value: beacon, EnteredAt: entered},
			{Official: "o3", Value: beacon, EnteredAt: entered}}},
	}
	key := drawproof.Key(s, []drawproof.SourceValue{{ID: "lotto", Value: lotteryValue}, {ID: "beacon", Value: beacon}})
	ws, err := drawproof.Draw(key, in.EntryIDs, []drawproof.Slot{{PrizeID: "p1", Count: 1}, {PrizeID: "p2", Count: 2}})
	require.NoError(t, err)
	for _, w := range ws {
		in.Winners = append(in.Winners, drawproof.WinnerJSON(w))
	}
	return in
}

// TestA7_VerifyV2AcceptsHonestDraw: a draw that depends on public values
// entered after the close verifies, and the values change the outcome.
func TestA7_VerifyV2AcceptsHonestDraw(t *testing.T) {
	t.Parallel()
	in := publishedV2(t)
	r := drawproof.Verify(in)
	require.True(t, r.OK(), "%+v", r.Checks)
	require.Len(t, r.Recomputed, 3)

	seedOnly, err := drawproof.Draw(seed(), in.EntryIDs, []drawproof.Slot{{PrizeID: "p1", Count: 1}, {PrizeID: "p2", Count: 2}})
	require.NoError(t, err)
	other := drawproof.Key(seed(), []drawproof.SourceValue{{ID: "lotto", Value: "2.7.12.25.31.40./3./"}, {ID: "beacon", Value: in.DrawSources[1].Value}})
	otherLotto, err := drawproof.Draw(other, in.EntryIDs, []drawproof.Slot{{PrizeID: "p1", Count: 1}, {PrizeID: "p2", Count: 2}})
	require.NoError(t, err)
	require.False(t, slices.Equal(r.Recomputed, seedOnly) && slices.Equal(r.Recomputed, otherLotto),
		"the public values decide the outcome, not the seed alone")
}

// TestA7_VerifyV2NamesTheFailingStep: each way a v2 draw can be steered or
// misreported fails verification, and the first failing check names the
// step.
func TestA7_VerifyV2NamesTheFailingStep(t *testing.T) {
	t.Parallel()
	cases := map[string]func(in *drawproof.Inputs){
		"algorithm":                       func(in *drawproof.Inputs) { in.Algorithm = "seoul-event-draw/v0" },
		"announcement matches hash":       func(in *drawproof.Inputs) { in.AnnouncementDocument += " " },
		"prize slots as announced":        func(in *drawproof.Inputs) { in.Prizes[1].Count = 3 },
		"commitment as announced":         func(in *drawproof.Inputs) { in.SeedCommitment = drawproof.Commitment(make([]byte, 32)) },
		"algorithm as announced":          func(in *drawproof.Inputs) { reannounce(in, "draw_algorithm", drawproof.Algorithm) },
		"announced before entries opened": func(in *drawproof.Inputs) { in.CommittedAt = v2Starts.Add(time.Second) },
		"closed after the entry period":   func(in *drawproof.Inputs) { in.ClosedAt = v2Ends.Add(-time.Second) },
		"randomness sources announced": func(in *drawproof.Inputs) {
			reannounce(in, "draw_sources", []map[string]any{{"id": "lotto", "kind": "lottery", "available_after": v2Ends.Add(-time.Hour)},
				{"id": "beacon", "kind": "beacon", "available_after": v2Ends}})
		},
		"source values entered after the close": func(in *drawproof.Inputs) { in.DrawSources[1].Entries[0].EnteredAt = v2Ends },
		"source values confirmed by two officials": func(in *drawproof.Inputs) {
			in.DrawSources[0].Entries[1].Official = "o1" // the same official twice
		},
		"seed revealed":                  func(in *drawproof.Inputs) { in.Seed = "" },
		"seed matches commitment":        func(in *drawproof.Inputs) { in.Seed = hex.EncodeToString(make([]byte, 32)) },
		"entry ids derived from entries": func(in *drawproof.Inputs) { in.Entries[2].Pseudonym = "someone-else" },
		"entries within the entry period": func(in *drawproof.Inputs) {
			at := v2Ends.Add(time.Second)
			in.Entries[0].EnteredAt, in.Entries[0].ID = at, drawproof.EntryID(in.EventID, in.Entries[0].Pseudonym, at)
			in.EntryIDs = sortedIDs(in.Entries)
		},
		"entry list canonical":      func(in *drawproof.Inputs) { in.EntryIDs[0], in.EntryIDs[1] = in.EntryIDs[1], in.EntryIDs[0] },
		"entry list matches digest": func(in *drawproof.Inputs) { in.EntryListDigest = knownDigest },
		"winners recomputed":        func(in *drawproof.Inputs) { in.Winners[0], in.Winners[1] = in.Winners[1], in.Winners[0] },
	}
	for step, tamper := range cases {
		t.Run(step, func(t *testing.T) {
			t.Parallel()
			in := publishedV2(t)
			tamper(&in)
			r := drawproof.Verify(in)
			require.False(t, r.OK())
			f := failed(r)
			require.NotEmpty(t, f)
			require.Equal(t, step, f[0], "%+v", r.Checks)
		})
	}
}

// TestA7_VerifyV2UnconfirmedOrDisputedValues: one official's value alone,
// or two values each backed by two officials, decide nothing.
func TestA7_VerifyV2UnconfirmedOrDisputedValues(t *testing.T) {
	t.Parallel()
	in := publishedV2(t)
	in.DrawSources[0].Entries = in.DrawSources[0].Entries[:1]
	require.Equal(t, "source values confirmed by two officials", failed(drawproof.Verify(in))[0])

	in = publishedV2(t)
	in.DrawSources[0].Entries = append(in.DrawSources[0].Entries,
		drawproof.ValueEntry{Official: "o3", Value: "2.7.12.25.31.40./3./", EnteredAt: in.DrawnAt},
		drawproof.ValueEntry{Official: "o4", Value: "2.7.12.25.31.40./3./", EnteredAt: in.DrawnAt})
	require.Equal(t, "source values confirmed by two officials", failed(drawproof.Verify(in))[0])
}

// reannounce replaces one field of the announcement document and re-hashes
// it, as an operator rewriting the announcement would have to.
func reannounce(in *drawproof.Inputs, field string, v any) {
	var doc map[string]any
	if err := json.Unmarshal([]byte(in.AnnouncementDocument), &doc); err != nil {
		panic(err)
	}
	doc[field] = v
	b, _ := json.Marshal(doc)
	in.AnnouncementDocument, in.AnnouncementHash = string(b), drawproof.Hash(b)
}

func sortedIDs(es []drawproof.EntryJSON) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	slices.Sort(out)
	return out
}

func TestCanonicalValue(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"40 31 25 12 7 1 / 3": lotteryValue, "1.7.12.25.31.40./3./": lotteryValue,
		"1,7,12,25,31,40/3/": lotteryValue} {
		got, err := drawproof.CanonicalValue(drawproof.SourceLottery, in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "1 2 x", "1 2 // 3", "-1"} {
		_, err := drawproof.CanonicalValue(drawproof.SourceLottery, bad)
		require.Error(t, err, bad)
	}
	got, err := drawproof.CanonicalValue(drawproof.SourceBeacon, " ABCDEF0123456789ABCDEF0123456789 ")
	require.NoError(t, err)
	require.Equal(t, "abcdef0123456789abcdef0123456789", got)
	_, err = drawproof.CanonicalValue(drawproof.SourceBeacon, "abcd")
	require.Error(t, err)
}

func TestEntryIDIsAVersion8UUIDOfTheEntry(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 5, 1, 9, 0, 0, 123456000, time.UTC)
	id := drawproof.EntryID("e1", "p1", at)
	require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, id)
	require.Equal(t, id, drawproof.EntryID("e1", "p1", at.In(time.FixedZone("KST", 9*3600))))
	require.NotEqual(t, id, drawproof.EntryID("e1", "p2", at))
	require.NotEqual(t, id, drawproof.EntryID("e1", "p1", at.Add(time.Microsecond)))
}
