package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.3: officials and admins read the scorecard. A period that is over is
// evaluated at its end from the history and the facts other services
// announced (final once settled); one still running at the service's now
// (provisional); without dates, the last calendar month.
func TestGetScorecard(t *testing.T) {
	t.Parallel()
	end := t0.Add(-day)
	cases := []struct {
		name        string
		caller      identity.Claims
		start, end  time.Time
		want        errs.Kind
		field       string
		at          time.Time
		provisional bool
	}{
		{"official, past period", digital, end.Add(-30 * day), end, errstest.Succeeds, "", end, false},
		{"admin, running period", admin, t0.Add(-10 * day), t0.Add(10 * day), errstest.Succeeds, "", t0, true},
		{"last month by default", admin, time.Time{}, time.Time{}, errstest.Succeeds, "",
			time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC), false}, // 1 December 00:00 in Seoul
		{"citizen", citizen, end.Add(-30 * day), end, errs.KindPermissionDenied, "", time.Time{}, false},
		{"moderator", moderator, end.Add(-30 * day), end, errs.KindPermissionDenied, "", time.Time{}, false},
		{"anonymous", anonymous, end.Add(-30 * day), end, errs.KindUnauthenticated, "", time.Time{}, false},
		{"end before start", admin, end, end.Add(-day), errs.KindInvalid, "end_time", time.Time{}, false},
		{"only a start", admin, end, time.Time{}, errs.KindInvalid, "end_time", time.Time{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			f.history.snapshots = []domain.Snapshot{{ItemID: newID(), DepartmentCode: "SMG-DIGITAL",
				Kind: domain.KindPolicy, ReviewDue: t0.Add(100 * day), Languages: []string{"ko", "en", "zh", "ja"}}}
			f.history.complaints = map[string]domain.ComplaintHandling{"SMG-CULTURE": {Answered: 2, AnsweredLate: 1}}
			f.history.moderation = map[string]domain.ModerationReview{"SMG-CULTURE": {Removals: 1}}
			sc, err := f.app.GetScorecard(as(tc.caller), tc.start, tc.end)
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.field != "" {
				requireInvalid(t, err, tc.field)
			}
			require.Equal(t, tc.at, f.history.at, "evaluated at")
			if tc.want != errstest.Succeeds {
				return
			}
			require.Equal(t, tc.provisional, sc.Provisional)
			require.Equal(t, tc.provisional, f.history.evaluation.AsOf == tc.at, "facts count as recorded by the end until it settles")
			require.Equal(t, "SMG-DIGITAL", sc.Departments[0].Department.Code)
			require.Equal(t, 1, sc.Departments[0].Rank)
			culture := sc.Departments[1]
			require.Equal(t, "SMG-CULTURE", culture.Department.Code, "ranked on its complaints and removals")
			require.Equal(t, 0.5, culture.Complaints.OverdueShare)
			require.Equal(t, 2, culture.Rank)
			require.Equal(t, sc.Period.Start, f.history.from, "feedback counted from the period's start")
		})
	}
}
