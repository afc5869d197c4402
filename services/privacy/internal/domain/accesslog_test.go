package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func chain(key []byte, n int) []domain.AccessEntry {
	var prev []byte
	out := make([]domain.AccessEntry, n)
	for i := range out {
		e := domain.NewAccessEntry(actor("o1", "official"), time.Now(), domain.Access{SubjectID: "s1", Fields: []string{"phone"}, Purpose: "complaint_handling", CaseReference: "c1", Outcome: domain.OutcomeRevealed})
		e.Seq, e.OccurredAt = int64(i+1), time.Unix(1700000000+int64(i), 0)
		e.PrevHash, e.Hash = prev, e.ChainHash(key, prev)
		prev, out[i] = e.Hash, e
	}
	return out
}

func verify(key []byte, entries []domain.AccessEntry) domain.ChainCheck {
	v := domain.NewChainVerifier(key, nil)
	for _, e := range entries {
		if !v.Next(e) {
			break
		}
	}
	return v.Check
}

// TestChainDetectsTampering: an edited, removed or re-keyed row breaks the
// chain at that row (A10.1).
func TestChainDetectsTampering(t *testing.T) {
	t.Parallel()
	key := []byte("chain-key")
	require.True(t, verify(key, chain(key, 5)).Intact)

	edited := chain(key, 5)
	edited[2].Purpose = "other"
	c := verify(key, edited)
	require.False(t, c.Intact)
	require.EqualValues(t, 3, c.FirstBrokenSeq)

	removed := chain(key, 5)
	removed = append(removed[:1], removed[2:]...)
	require.EqualValues(t, 3, verify(key, removed).FirstBrokenSeq)

	// Recomputing the links without the key does not produce a valid chain.
	forged := chain([]byte("attacker"), 5)
	require.EqualValues(t, 1, verify(key, forged).FirstBrokenSeq)
}
