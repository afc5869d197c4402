package drawproof

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
)

// Check is one verified property of a draw.
type Check struct {
	Name   string
	OK     bool
	Detail string
}

// Report is the outcome of Verify: every check, and the winners as
// recomputed from the inputs.
type Report struct {
	Checks     []Check
	Recomputed []Winner
}

// OK reports whether every check passed.
func (r Report) OK() bool {
	for _, c := range r.Checks {
		if !c.OK {
			return false
		}
	}
	return len(r.Checks) > 0
}

func (r *Report) add(name string, ok bool, format string, args ...any) {
	r.Checks = append(r.Checks, Check{Name: name, OK: ok, Detail: fmt.Sprintf(format, args...)})
}

// Verify recomputes a draw from its published inputs by the procedure the
// inputs name (v1 or v2) and reports every step, so a failure names the
// step that fails.
func Verify(in Inputs) Report {
	switch in.Algorithm {
	case Algorithm:
		return verifyV1(in)
	case AlgorithmV2:
		return verifyV2(in)
	}
	var r Report
	r.add("algorithm", false, "published %q, verifier implements %q and %q", in.Algorithm, Algorithm, AlgorithmV2)
	return r
}

// verifyV1 checks a v1 draw: the announcement hash and the prize slots it
// fixes, the seed against its commitment, the commitment's timing, the
// entry list digest, and finally the winners.
func verifyV1(in Inputs) Report {
	var r Report
	r.add("algorithm", true, "%s", in.Algorithm)
	verifyAnnouncement(&r, in)
	seedOK := verifySeed(&r, in)
	r.add("committed before entries closed",
		!in.CommitTime.IsZero() && in.CommitTime.Before(in.EntryEndTime) && !in.CommitTime.After(in.CloseTime),
		"committed %s, entry period ended %s, closed %s", in.CommitTime, in.EntryEndTime, in.CloseTime)
	verifyEntries(&r, in)
	if seedOK {
		seed, _ := hex.DecodeString(in.Seed)
		verifyWinners(&r, in, seed)
	}
	return r
}

// verifySeed checks the revealed seed against its commitment.
func verifySeed(r *Report, in Inputs) bool {
	seed, err := hex.DecodeString(in.Seed)
	seedOK := err == nil && len(seed) == SeedSize
	r.add("seed revealed", seedOK, "%d bytes", len(seed))
	got := Commitment(seed)
	r.add("seed matches commitment", seedOK && got == in.SeedCommitment,
		"SHA-256(seed) = %s, commitment = %s", got, in.SeedCommitment)
	return seedOK
}

// verifyWinners ranks the entries with key and compares the published winners.
func verifyWinners(r *Report, in Inputs, key []byte) {
	slots := make([]Slot, len(in.Prizes))
	for i, p := range in.Prizes {
		slots[i] = Slot{PrizeID: p.PrizeID, Count: p.Count}
	}
	winners, err := Draw(key, in.EntryIDs, slots)
	if err != nil {
		r.add("winners recomputed", false, "%v", err)
		return
	}
	r.Recomputed = winners
	published := make([]Winner, len(in.Winners))
	for i, w := range in.Winners {
		published[i] = Winner(w)
	}
	r.add("winners recomputed", slices.Equal(winners, published),
		"recomputed %d winners, published %d", len(winners), len(published))
}

func verifyEntries(r *Report, in Inputs) {
	canon, err := CanonicalEntries(in.EntryIDs)
	r.add("entry list canonical", err == nil && slices.Equal(canon, in.EntryIDs), "%d entries", len(in.EntryIDs))
	digest, err := EntryListDigest(in.EntryIDs)
	r.add("entry list matches digest", err == nil && digest == in.EntryListDigest,
		"recomputed %s, published %s", digest, in.EntryListDigest)
}

// announcedPlan is the part of the announcement document the draw uses:
// the prize lines, in order, with their counts.
type announcedPlan struct {
	Prizes []struct {
		ID    string `json:"id"`
		Count int    `json:"count"`
	} `json:"prizes"`
	SeedCommitment string `json:"seed_commitment"`
}

func verifyAnnouncement(r *Report, in Inputs) {
	got := Hash([]byte(in.AnnouncementDocument))
	r.add("announcement matches hash", in.AnnouncementDocument != "" && got == in.AnnouncementHash,
		"SHA-256(document) = %s, published hash = %s", got, in.AnnouncementHash)
	var plan announcedPlan
	if err := json.Unmarshal([]byte(in.AnnouncementDocument), &plan); err != nil {
		r.add("prize slots as announced", false, "announcement document: %v", err)
		return
	}
	same := len(plan.Prizes) == len(in.Prizes)
	for i := 0; same && i < len(plan.Prizes); i++ {
		same = plan.Prizes[i].ID == in.Prizes[i].PrizeID && plan.Prizes[i].Count == in.Prizes[i].Count
	}
	r.add("prize slots as announced", same, "%d prize lines", len(plan.Prizes))
	r.add("commitment as announced", plan.SeedCommitment == in.SeedCommitment,
		"announced %s, published %s", plan.SeedCommitment, in.SeedCommitment)
}
