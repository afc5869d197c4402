package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

var (
	periodStart = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	periodEnd   = time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
)

func scorecardInputs() ([]domain.Department, []domain.Snapshot, map[string]domain.FeedbackSummary) {
	depts := []domain.Department{{Code: "A"}, {Code: "B"}, {Code: "C"}, {Code: "D"}, {Code: "E"}}
	fresh := periodEnd.Add(24 * time.Hour)
	snaps := []domain.Snapshot{
		// A: two fresh items, fully translated.
		{ItemID: "a1", DepartmentCode: "A", ReviewDue: fresh, Languages: []string{"ko", "en", "zh-Hans", "ja"}},
		{ItemID: "a2", DepartmentCode: "A", ReviewDue: fresh, Languages: []string{"ko", "en", "zh", "ja"}},
		// B: one fresh, one 10 days overdue, English only.
		{ItemID: "b1", DepartmentCode: "B", ReviewDue: fresh, Languages: []string{"ko", "en"}},
		{ItemID: "b2", DepartmentCode: "B", ReviewDue: periodEnd.Add(-10 * 24 * time.Hour), Languages: []string{"ko"}},
		// C: one item 200 days overdue, untranslated.
		{ItemID: "c1", DepartmentCode: "C", ReviewDue: periodEnd.Add(-200 * 24 * time.Hour), Languages: []string{"ko"}},
		// D: fresh but untranslated.
		{ItemID: "d1", DepartmentCode: "D", ReviewDue: fresh, Languages: []string{"ko"}},
	}
	fb := map[string]domain.FeedbackSummary{"A": {Helpful: 8, NotHelpful: 0}, "C": {Helpful: 0, NotHelpful: 4}}
	return depts, snaps, fb
}

// A4.3: the scorecard measures freshness, overdue age, translation
// coverage and feedback, ranks departments and marks the top three.
func TestScorecardRanksDepartments(t *testing.T) {
	t.Parallel()
	depts, snaps, fb := scorecardInputs()
	sc := domain.ComputeScorecard(domain.Period{Start: periodStart, End: periodEnd}, periodEnd, depts, snaps, fb)
	byCode := map[string]domain.DepartmentScore{}
	var order []string
	for _, d := range sc.Departments {
		byCode[d.Department.Code] = d
		order = append(order, d.Department.Code)
	}
	require.Equal(t, []string{"A", "D", "B", "C", "E"}, order)

	a := byCode["A"]
	require.Equal(t, 1.0, a.FreshShare)
	require.Equal(t, 1.0, a.TranslationCoverage, "zh-Hans counts for zh")
	// 100 × (0.45 + 0.15 + 0.20 + 0.20 × 9/10)
	require.InDelta(t, 98.0, a.Score, 1e-9)
	require.True(t, a.Incentive)
	require.Equal(t, 1, a.Rank)

	b := byCode["B"]
	require.Equal(t, 1, b.OverdueItems)
	require.Equal(t, 10.0, b.MeanOverdueDays)
	require.Equal(t, 0.5, b.FreshShare)
	require.InDelta(t, 1.0/6, b.TranslationCoverage, 1e-4)
	// 100 × (0.45×0.5 + 0.15×(1−10/90) + 0.20×(1/6) + 0.20×0.5)
	require.InDelta(t, 49.17, b.Score, 1e-9)

	c := byCode["C"]
	require.Equal(t, 200.0, c.MaxOverdueDays)
	require.InDelta(t, 100*0.2*1.0/6, c.Score, 0.01) // only satisfaction (1/6) remains
	require.Equal(t, 4, c.Rank)
	require.False(t, c.Incentive)

	e := byCode["E"]
	require.Zero(t, e.Rank, "no published items: unranked")
	require.False(t, e.Incentive)
	require.NotEmpty(t, sc.Method)
}

// A4.3: the result depends only on its inputs, not on their order.
func TestScorecardIsDeterministic(t *testing.T) {
	t.Parallel()
	depts, snaps, fb := scorecardInputs()
	p := domain.Period{Start: periodStart, End: periodEnd}
	first := domain.ComputeScorecard(p, periodEnd, depts, snaps, fb)
	for i, j := 0, len(snaps)-1; i < j; i, j = i+1, j-1 {
		snaps[i], snaps[j] = snaps[j], snaps[i]
	}
	depts[0], depts[4] = depts[4], depts[0]
	require.Equal(t, first, domain.ComputeScorecard(p, periodEnd, depts, snaps, fb))
}

func TestPeriod(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 4, 15, 3, 0, 0, 0, time.UTC)
	p, err := domain.NewPeriod(time.Time{}, time.Time{}, now)
	require.NoError(t, err)
	// March in Seoul: from 1 March 00:00 KST.
	require.Equal(t, time.Date(2025, 2, 28, 15, 0, 0, 0, time.UTC), p.Start)
	require.Equal(t, time.Date(2025, 3, 31, 15, 0, 0, 0, time.UTC), p.End)
	at, provisional := p.EvaluatedAt(now)
	require.Equal(t, p.End, at)
	require.False(t, provisional)

	current := domain.Period{Start: p.End, End: p.End.AddDate(0, 1, 0)}
	at, provisional = current.EvaluatedAt(now)
	require.Equal(t, now, at)
	require.True(t, provisional)

	_, err = domain.NewPeriod(periodEnd, periodStart, now)
	require.Contains(t, fieldsOf(t, err), "period_end")
	_, err = domain.NewPeriod(periodStart, time.Time{}, now)
	require.Contains(t, fieldsOf(t, err), "period_end")
}
