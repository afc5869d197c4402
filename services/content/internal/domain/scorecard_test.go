package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

var (
	periodStart = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	periodEnd   = time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
)

func scorecardInputs() ([]domain.Department, domain.Evidence) {
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
	return depts, domain.Evidence{Snapshots: snaps, Feedback: fb}
}

// A4.3: the scorecard measures freshness, overdue age, translation
// coverage and feedback, ranks departments and marks the top three.
func TestScorecardRanksDepartments(t *testing.T) {
	t.Parallel()
	depts, ev := scorecardInputs()
	sc := domain.ComputeScorecard(domain.Period{Start: periodStart, End: periodEnd}, periodEnd, depts, ev)
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
	depts, ev := scorecardInputs()
	p := domain.Period{Start: periodStart, End: periodEnd}
	first := domain.ComputeScorecard(p, periodEnd, depts, ev)
	snaps := ev.Snapshots
	for i, j := 0, len(snaps)-1; i < j; i, j = i+1, j-1 {
		snaps[i], snaps[j] = snaps[j], snaps[i]
	}
	depts[0], depts[4] = depts[4], depts[0]
	require.Equal(t, first, domain.ComputeScorecard(p, periodEnd, depts, ev))
}

func TestPeriod(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 4, 15, 3, 0, 0, 0, time.UTC)
	p, err := domain.NewPeriod(time.Time{}, time.Time{}, now)
	require.NoError(t, err)
	// March in Seoul: from 1 March 00:00 KST.
	require.Equal(t, time.Date(2025, 2, 28, 15, 0, 0, 0, time.UTC), p.Start)
	require.Equal(t, time.Date(2025, 3, 31, 15, 0, 0, 0, time.UTC), p.End)
	require.Equal(t, domain.Evaluation{At: p.End, AsOf: p.End.Add(time.Hour)}, p.Evaluate(now),
		"settled: facts that arrived within the hour after the end count, for good")
	justEnded := p.End.Add(30 * time.Minute)
	require.Equal(t, domain.Evaluation{At: p.End, AsOf: p.End, Provisional: true}, p.Evaluate(justEnded),
		"just ended: what had arrived by the end, the same on every call")

	current := domain.Period{Start: p.End, End: p.End.AddDate(0, 1, 0)}
	require.Equal(t, domain.Evaluation{At: now, AsOf: now, Provisional: true}, current.Evaluate(now))

	_, err = domain.NewPeriod(periodEnd, periodStart, now)
	require.Contains(t, errstest.Fields(t, err), "end_time")
	_, err = domain.NewPeriod(periodStart, time.Time{}, now)
	require.Contains(t, errstest.Fields(t, err), "end_time")
}

// A4.3, A6.2, A5: complaint handling and moderation on appeal are parts of
// the score next to information; a department is scored on the parts it
// has (weights 0.50, 0.35, 0.15 scaled over those) and ranked with any.
func TestScoreWeighsComplaintsAndModeration(t *testing.T) {
	t.Parallel()
	depts, ev := scorecardInputs()
	ev.Complaints = map[string]domain.ComplaintHandling{
		// A: four answered in 3 days on average, one late, one extension.
		"A": {Answered: 4, MeanDaysToAnswer: 3, AnsweredLate: 1, Extensions: 1},
		// E: no items; two complaints open past their due time.
		"E": {OpenOverdue: 2},
	}
	ev.Moderation = map[string]domain.ModerationReview{"D": {Removals: 4, Overturned: 1}}
	sc := domain.ComputeScorecard(domain.Period{Start: periodStart, End: periodEnd}, periodEnd, depts, ev)
	byCode := map[string]domain.DepartmentScore{}
	for _, d := range sc.Departments {
		byCode[d.Department.Code] = d
	}

	a := byCode["A"]
	require.Equal(t, 0.25, a.Complaints.OverdueShare)
	// information 0.98; complaints 0.6 × 0.75 + 0.2 × (1 − 1/4) + 0.2 × (1 − 3/30) = 0.78
	require.InDelta(t, 100*(0.5*0.98+0.35*0.78)/0.85, a.Score, 0.01)

	d := byCode["D"]
	require.Equal(t, 0.25, d.Moderation.OverturnedShare)
	// information 0.45 + 0.15 + 0 + 0.2 × 0.5 = 0.70; moderation 0.75
	require.InDelta(t, 100*(0.5*0.70+0.15*0.75)/0.65, d.Score, 0.01)

	e := byCode["E"]
	require.Zero(t, e.Items)
	require.Equal(t, 1.0, e.Complaints.OverdueShare)
	// complaints only: 0.6 × 0 + 0.2 × 1 + 0.2 × 0 (nothing answered)
	require.InDelta(t, 20.0, e.Score, 1e-9)
	require.Equal(t, 4, e.Rank, "ranked on its complaints alone")
	require.Equal(t, 5, byCode["C"].Rank)
	require.Contains(t, sc.Method, "overturned on appeal")
}
