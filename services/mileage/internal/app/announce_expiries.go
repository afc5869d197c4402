package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// AnnounceExpiries publishes seoul.mileage.points.expiring for lots that
// expire within the notice period of the validity in force, once per lot,
// a batch per transaction.
func (a *App) AnnounceExpiries(ctx context.Context) (int, error) {
	now := a.Now()
	v, err := a.validities.At(ctx, now)
	if err != nil || v.NoticeDays == 0 {
		return 0, err
	}
	until := now.Add(time.Duration(v.NoticeDays) * 24 * time.Hour)
	total := 0
	for {
		n, err := a.accounts.ClaimExpiring(ctx, now, until, a.opts.JobBatch, func(l domain.Lot) domain.Event {
			return domain.PointsExpiring{PointsChange: domain.PointsChange{TransactionID: l.ID, Subject: l.Subject,
				Points: l.Remaining, Reason: "points expire on " + l.ExpiresAt.In(domain.Seoul).Format(time.DateOnly),
				At: now, ExpiresAt: l.ExpiresAt}}
		})
		total += n
		if err != nil || n < a.opts.JobBatch {
			return total, err
		}
	}
}
