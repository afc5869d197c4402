package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// GetScorecard evaluates and ranks every department for a period (A4.3),
// for officials and admins: its information (items rebuilt from their
// immutable history as they stood at the end of the period, feedback
// counted by when it was given), its handling of civil complaints and how
// its moderation decisions stood up on appeal (facts from the petition and
// board services' events, counted by when they happened and bounded by
// when they arrived). So a settled period always recomputes to the same
// scorecard.
func (a *App) GetScorecard(ctx context.Context, start, end time.Time) (domain.Scorecard, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleOfficial, identity.RoleAdmin); err != nil {
		return domain.Scorecard{}, err
	}
	p, err := domain.NewPeriod(start, end, a.now())
	if err != nil {
		return domain.Scorecard{}, err
	}
	e := p.Evaluate(a.now())
	depts, err := a.departments.List(ctx)
	if err != nil {
		return domain.Scorecard{}, err
	}
	ev, err := a.evidence(ctx, p, e)
	if err != nil {
		return domain.Scorecard{}, err
	}
	sc := domain.ComputeScorecard(p, e.At, depts, ev)
	sc.Provisional = e.Provisional
	return sc, nil
}

// evidence reads what the period's scorecard is computed from.
func (a *App) evidence(ctx context.Context, p domain.Period, e domain.Evaluation) (ev domain.Evidence, err error) {
	if ev.Snapshots, err = a.history.SnapshotAt(ctx, e.At); err != nil {
		return ev, err
	}
	if ev.Feedback, err = a.history.FeedbackBetween(ctx, p.Start, e.At); err != nil {
		return ev, err
	}
	if ev.Complaints, err = a.history.ComplaintsAt(ctx, p.Start, e); err != nil {
		return ev, err
	}
	ev.Moderation, err = a.history.ModerationAt(ctx, p.Start, e)
	return ev, err
}
