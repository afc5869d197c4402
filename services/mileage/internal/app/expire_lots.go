package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// The scheduled jobs (registered with service.Deps.Every in server.go) are
// each safe with several replicas running: work is claimed with row locks
// that skip what another replica holds, and every effect checks the state
// it changes. Each drains what is due in short transactions and reports how
// much it handled.

// ExpireLots moves the remainders of expired lots to the breakage account
// of their budget year (A8.2), one citizen per transaction. A citizen whose
// account another replica (or a redemption) holds is left for the next run.
func (a *App) ExpireLots(ctx context.Context) (int, error) {
	now, total := a.Now(), 0
	for {
		done, seen, err := a.accounts.ClaimExpired(ctx, now, a.opts.JobBatch, func(w *domain.Wallet) error {
			a.expire(w, now)
			return nil
		})
		total += done
		if err != nil {
			return total, err
		}
		// Drained, or only citizens held elsewhere are left (next run).
		if seen < a.opts.JobBatch || done == 0 {
			return total, nil
		}
	}
}

// expire moves the remainders of the wallet's expired lots to breakage.
func (a *App) expire(w *domain.Wallet, now time.Time) {
	for _, l := range w.Lots {
		if l.Remaining == 0 || l.ExpiresAt.After(now) {
			continue
		}
		rem := l.Remaining
		l.Expired += rem
		l.Remaining = 0
		w.SaveLot(l)
		p := domain.Posting{ID: newID(), Kind: domain.TxExpiry, Reference: l.ID,
			Memo: "expired " + l.ExpiresAt.In(domain.Seoul).Format(time.DateOnly), PostedAt: now}
		p.Add(domain.Citizen(w.Subject), -rem)
		p.Add(domain.Breakage(l.BudgetYear), rem)
		w.Post(p)
		w.Record(domain.PointsExpired{PointsChange: domain.Change(p, w.Subject, rem, l.ExpiresAt)})
	}
}
