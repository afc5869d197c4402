package drawproof_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/event/drawproof"
)

func seed() []byte {
	s := make([]byte, drawproof.SeedSize)
	for i := range s {
		s[i] = byte(i)
	}
	return s
}

func entryIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
	}
	return ids
}

// TestKnownAnswer pins the procedure (A7.2 verifiable draw): any change to
// it changes these values, which outsiders' reimplementations also check.
func TestKnownAnswer(t *testing.T) {
	t.Parallel()
	s := seed()
	require.Equal(t, "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd", drawproof.Commitment(s))
	digest, err := drawproof.EntryListDigest(entryIDs(5))
	require.NoError(t, err)
	require.Equal(t, knownDigest, digest)
	ws, err := drawproof.Draw(s, entryIDs(5), []drawproof.Slot{{PrizeID: "p1", Count: 1}, {PrizeID: "p2", Count: 2}})
	require.NoError(t, err)
	require.Equal(t, knownWinners, ws)
}

func TestDrawIgnoresInputOrderAndFillsSlotsInPlanOrder(t *testing.T) {
	t.Parallel()
	ids := entryIDs(50)
	reversed := make([]string, len(ids))
	for i, id := range ids {
		reversed[len(ids)-1-i] = id
	}
	slots := []drawproof.Slot{{PrizeID: "gold", Count: 1}, {PrizeID: "silver", Count: 3}}
	a, err := drawproof.Draw(seed(), ids, slots)
	require.NoError(t, err)
	b, err := drawproof.Draw(seed(), reversed, slots)
	require.NoError(t, err)
	require.Equal(t, a, b)
	require.Len(t, a, 4)
	require.Equal(t, []string{"gold", "silver", "silver", "silver"}, []string{a[0].PrizeID, a[1].PrizeID, a[2].PrizeID, a[3].PrizeID})
	for i, w := range a {
		require.Equal(t, i+1, w.Rank)
	}
}

func TestDrawWithFewerEntriesThanPrizes(t *testing.T) {
	t.Parallel()
	ws, err := drawproof.Draw(seed(), entryIDs(2), []drawproof.Slot{{PrizeID: "p", Count: 5}})
	require.NoError(t, err)
	require.Len(t, ws, 2)
	ws, err = drawproof.Draw(seed(), nil, []drawproof.Slot{{PrizeID: "p", Count: 5}})
	require.NoError(t, err)
	require.Empty(t, ws)
}

func TestDuplicateEntriesRejected(t *testing.T) {
	t.Parallel()
	_, err := drawproof.EntryListDigest([]string{"a", "b", "a"})
	require.Error(t, err)
}

// TestAnotherSeedGivesAnotherRanking: one flipped seed bit reorders the
// same entries, while the same seed always ranks them alike; either way the
// ranking is a permutation of the entries.
func TestAnotherSeedGivesAnotherRanking(t *testing.T) {
	t.Parallel()
	other := seed()
	other[0] ^= 1
	ids := entryIDs(20)
	a, b := drawproof.Rank(seed(), ids), drawproof.Rank(other, ids)
	require.NotEqual(t, a, b)
	require.Equal(t, a, drawproof.Rank(seed(), ids))
	require.ElementsMatch(t, ids, a)
	require.ElementsMatch(t, ids, b)
}
