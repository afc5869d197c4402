package domain_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// table makes labels with the given count per district.
func table(counts ...int) []string {
	var labels []string
	for i, n := range counts {
		for range n {
			labels = append(labels, fmt.Sprintf("서울특별시 %c구", 'A'+i))
		}
	}
	return labels
}

// recover is what anyone can do with a published table: for each
// suppressed cell, the counts consistent with the total and the visible
// cells (every suppressed cell holds at least one person, since an empty
// district has no cell). It returns the cells pinned to one value.
func recoverCells(t domain.Table) map[string]int64 {
	if t.TotalSuppressed {
		return nil
	}
	rest, k := t.Total, int64(0)
	for _, c := range t.Cells {
		if c.Suppressed {
			k++
		} else {
			rest -= c.Count
		}
	}
	pinned := map[string]int64{}
	for _, c := range t.Cells {
		// c ranges over [1, rest-(k-1)]: the others hold at least one each.
		if c.Suppressed && rest-(k-1) == 1 {
			pinned[c.Label] = 1
		}
		if c.Suppressed && k == 1 {
			pinned[c.Label] = rest
		}
	}
	return pinned
}

// A10.2: primary suppression alone is undone by subtraction from the
// published total; complementary suppression leaves every suppressed cell
// with several possible counts.
func TestA10_2_SuppressedCellsCannotBeRecoveredFromTheTotal(t *testing.T) {
	t.Parallel()
	naive := domain.Table{Total: 15, Cells: []domain.Cell{
		{Label: "서울특별시 A구", Suppressed: true}, {Label: "서울특별시 B구", Count: 6}, {Label: "서울특별시 C구", Count: 7}}}
	require.Equal(t, map[string]int64{"서울특별시 A구": 2}, recoverCells(naive), "the attack works on primary suppression alone")

	got := domain.Aggregate(table(2, 6, 7))
	require.EqualValues(t, 15, got.Total)
	require.Equal(t, []domain.Cell{{Label: "서울특별시 A구", Suppressed: true}, {Label: "서울특별시 B구", Suppressed: true},
		{Label: "서울특별시 C구", Count: 7}}, got.Cells)
	require.Empty(t, recoverCells(got))

	for _, counts := range [][]int{{1, 1, 1, 1, 1, 20}, {1, 1}, {4, 4}, {1}, {3, 9, 9, 9}, {5, 5, 5}, {4, 100}} {
		got := domain.Aggregate(table(counts...))
		require.Empty(t, recoverCells(got), "%v → %+v", counts, got)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		counts := make([]int, 1+r.IntN(6))
		for i := range counts {
			counts[i] = 1 + r.IntN(12)
		}
		got := domain.Aggregate(table(counts...))
		require.Empty(t, recoverCells(got), "%v → %+v", counts, got)
		for _, c := range got.Cells {
			require.True(t, c.Suppressed || c.Count >= domain.SuppressionThreshold, "no small cell shows")
		}
	}
}
