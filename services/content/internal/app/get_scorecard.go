package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// GetScorecard evaluates and ranks every department for a period (A4.3),
// for officials and admins. Items are rebuilt from their immutable history
// as they stood at the end of the period and feedback is counted by when it
// was given, so a past period always recomputes to the same scorecard.
func (a *App) GetScorecard(ctx context.Context, start, end time.Time) (domain.Scorecard, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleOfficial, identity.RoleAdmin); err != nil {
		return domain.Scorecard{}, err
	}
	p, err := domain.NewPeriod(start, end, a.now())
	if err != nil {
		return domain.Scorecard{}, err
	}
	at, provisional := p.EvaluatedAt(a.now())
	depts, err := a.departments.List(ctx)
	if err != nil {
		return domain.Scorecard{}, err
	}
	snaps, err := a.history.SnapshotAt(ctx, at)
	if err != nil {
		return domain.Scorecard{}, err
	}
	fb, err := a.history.FeedbackBetween(ctx, p.Start, at)
	if err != nil {
		return domain.Scorecard{}, err
	}
	sc := domain.ComputeScorecard(p, at, depts, snaps, fb)
	sc.Provisional = provisional
	return sc, nil
}
