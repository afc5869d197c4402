package drawproof

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// announcedV2 is what a v2 draw takes from the announcement document: the
// entry period, the algorithm and the randomness sources it fixed before
// entries opened.
type announcedV2 struct {
	EntryStartsAt time.Time         `json:"entry_starts_at"`
	EntryEndsAt   time.Time         `json:"entry_ends_at"`
	DrawAlgorithm string            `json:"draw_algorithm"`
	DrawSources   []announcedSource `json:"draw_sources"`
}

type announcedSource struct {
	ID             string    `json:"id"`
	Kind           string    `json:"kind"`
	AvailableAfter time.Time `json:"available_after"`
}

// verifyV2 checks a v2 draw step by step; each step is one named check.
func verifyV2(in Inputs) Report {
	var r Report
	r.add("algorithm", true, "%s", in.Algorithm)
	verifyAnnouncement(&r, in)
	var doc announcedV2
	if err := json.Unmarshal([]byte(in.AnnouncementDocument), &doc); err != nil {
		r.add("algorithm as announced", false, "announcement document: %v", err)
		return r
	}
	r.add("algorithm as announced", doc.DrawAlgorithm == AlgorithmV2, "announced %q", doc.DrawAlgorithm)
	r.add("announced before entries opened", !in.CommitTime.IsZero() && in.CommitTime.Before(doc.EntryStartsAt),
		"committed %s, entry period started %s", in.CommitTime, doc.EntryStartsAt)
	r.add("closed after the entry period", !in.CloseTime.Before(doc.EntryEndsAt),
		"closed %s, entry period ended %s", in.CloseTime, doc.EntryEndsAt)
	values := verifySources(&r, in, doc)
	seedOK := verifySeed(&r, in)
	verifyDerivedEntries(&r, in, doc)
	verifyEntries(&r, in)
	if seedOK && values != nil {
		seed, _ := hex.DecodeString(in.Seed)
		verifyWinners(&r, in, Key(seed, values))
	}
	return r
}

// verifySources checks that the announcement fixed sources whose values
// nobody could know at the close, that their values were entered after
// it, and that two officials agree on each. It returns the values in
// announced order, or nil when a check failed.
func verifySources(r *Report, in Inputs, doc announcedV2) []SourceValue {
	ok := len(doc.DrawSources) > 0
	for _, s := range doc.DrawSources {
		ok = ok && (s.Kind == SourceLottery || s.Kind == SourceBeacon) && !s.AvailableAfter.Before(doc.EntryEndsAt)
	}
	r.add("randomness sources announced", ok, "%d sources, each available only after the entry period", len(doc.DrawSources))
	after, agreed := true, len(in.DrawSources) == len(doc.DrawSources)
	var values []SourceValue
	for i := 0; agreed && i < len(doc.DrawSources); i++ {
		s, pub := doc.DrawSources[i], in.DrawSources[i]
		for _, e := range pub.Entries {
			after = after && !e.EnteredAt.Before(in.CloseTime) && !e.EnteredAt.Before(s.AvailableAfter)
		}
		canon, err := CanonicalValue(s.Kind, pub.Value)
		confirmed, one := Confirmed(pub.Entries)
		agreed = pub.ID == s.ID && err == nil && canon == pub.Value && one && confirmed == pub.Value
		values = append(values, SourceValue{ID: s.ID, Value: pub.Value})
	}
	r.add("source values entered after the close", after, "closed %s", in.CloseTime)
	r.add("source values confirmed by two officials", agreed, "%d of %d announced sources published",
		len(in.DrawSources), len(doc.DrawSources))
	if !ok || !after || !agreed {
		return nil
	}
	return values
}

// verifyDerivedEntries checks that every entry id is derived from its entry
// (no id chosen by the server), one per entrant, made during the period.
func verifyDerivedEntries(r *Report, in Inputs, doc announcedV2) {
	derived, within := len(in.Entries) == len(in.EntryIDs), true
	seen := map[string]bool{}
	ids := make([]string, 0, len(in.Entries))
	var bad string
	for _, e := range in.Entries {
		if EntryID(in.EventID, e.Pseudonym, e.EnteredAt) != e.ID || seen[e.Pseudonym] {
			derived, bad = false, e.ID
		}
		seen[e.Pseudonym] = true
		ids = append(ids, e.ID)
		within = within && !e.EnteredAt.Before(doc.EntryStartsAt) && e.EnteredAt.Before(doc.EntryEndsAt)
	}
	slices.Sort(ids)
	derived = derived && slices.Equal(ids, slices.Sorted(slices.Values(in.EntryIDs)))
	r.add("entry ids derived from entries", derived, "%d entries%s", len(in.Entries), ifBad(bad))
	r.add("entries within the entry period", within, "%s to %s", doc.EntryStartsAt, doc.EntryEndsAt)
}

func ifBad(id string) string {
	if id == "" {
		return ""
	}
	return fmt.Sprintf(", not derived: %s", id)
}
