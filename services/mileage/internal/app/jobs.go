package app

import (
	"context"
	"errors"
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
		subjects, err := a.store.SubjectsWithExpiredLots(ctx, now, a.opts.JobBatch)
		if err != nil {
			return total, err
		}
		done := 0
		for _, s := range subjects {
			var expired bool
			err := a.store.InTx(ctx, func(tx Tx) (err error) { expired, err = a.expireFor(ctx, tx, s, now); return err })
			if err != nil {
				return total, err
			}
			if expired {
				done++
			}
		}
		total += done
		// Drained, or only citizens held elsewhere are left (next run).
		if len(subjects) < a.opts.JobBatch || done == 0 {
			return total, nil
		}
	}
}

// expireFor expires the citizen's lots; false when another holds the account.
func (a *App) expireFor(ctx context.Context, tx Tx, subject string, now time.Time) (bool, error) {
	ok, err := tx.TryLockAccount(ctx, subject)
	if err != nil || !ok {
		return false, err
	}
	lots, err := tx.LockExpiredLots(ctx, subject, now)
	if err != nil {
		return false, err
	}
	for _, l := range lots {
		rem := l.Remaining
		l.Expired += rem
		l.Remaining = 0
		if err := tx.UpdateLot(ctx, l); err != nil {
			return false, err
		}
		p := domain.Posting{ID: newID(), Kind: domain.TxExpiry, Reference: l.ID, Memo: "expired " + l.ExpiresAt.In(domain.Seoul).Format(time.DateOnly), PostedAt: now}
		p.Add(domain.Citizen(subject), -rem)
		p.Add(domain.Breakage(l.BudgetYear), rem)
		if err := tx.Post(ctx, p); err != nil {
			return false, err
		}
		if err := tx.Announce(ctx, pointsAnnouncement("expired", p, subject, rem, l.ExpiresAt)); err != nil {
			return false, err
		}
	}
	return true, nil
}

// AnnounceExpiries publishes seoul.mileage.points.expiring for lots that
// expire within the notice period of the validity in force, once per lot.
func (a *App) AnnounceExpiries(ctx context.Context) (int, error) {
	now := a.Now()
	v, err := a.store.ValidityAt(ctx, now)
	if err != nil || v.NoticeDays == 0 {
		return 0, err
	}
	until := now.Add(time.Duration(v.NoticeDays) * 24 * time.Hour)
	total := 0
	for {
		n, err := a.announceBatch(ctx, now, until)
		total += n
		if err != nil || n < a.opts.JobBatch {
			return total, err
		}
	}
}

// announceBatch claims and announces one batch of lots in one transaction.
func (a *App) announceBatch(ctx context.Context, now, until time.Time) (int, error) {
	n := 0
	err := a.store.InTx(ctx, func(tx Tx) error {
		lots, err := tx.ClaimLotsToAnnounce(ctx, now, until, a.opts.JobBatch)
		if err != nil || len(lots) == 0 {
			return err
		}
		ids := make([]string, len(lots))
		for i, l := range lots {
			ids[i] = l.ID
			ev := domain.PointsEvent{Verb: "expiring", TransactionID: l.ID, Subject: l.Subject, Points: l.Remaining,
				Reason: "points expire on " + l.ExpiresAt.In(domain.Seoul).Format(time.DateOnly), OccurredAt: now, ExpiresAt: l.ExpiresAt}
			if err := tx.Announce(ctx, ev); err != nil {
				return err
			}
		}
		n = len(lots)
		return tx.MarkAnnounced(ctx, ids, now)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// VoidExpiredHolds settles holds whose partner did not answer in time. It
// first cancels at the partner: a partner that had confirmed says so and
// the redemption is posted; otherwise the cancel guarantees no late
// delivery and the hold is voided. A partner still unreachable leaves the
// hold for the next run rather than risk a delivery without payment.
func (a *App) VoidExpiredHolds(ctx context.Context) (int, error) {
	ids, err := a.store.ExpiredHolds(ctx, a.Now(), a.opts.JobBatch)
	if err != nil {
		return 0, err
	}
	var failed error
	settled := 0
	for _, id := range ids {
		r, err := a.store.Redemption(ctx, id)
		if err != nil {
			return settled, err
		}
		pctx, cancel := context.WithTimeout(ctx, a.opts.PartnerTimeout)
		res, err := a.partner.Cancel(pctx, r.ID, r.Channel)
		cancel()
		if err != nil {
			failed = errors.Join(failed, err)
			continue
		}
		if res.Status != PartnerConfirmed {
			res = PartnerResult{Status: PartnerCancelled, Reason: "partner did not confirm in time"}
		}
		if _, err := a.settle(ctx, r, res); err != nil {
			return settled, err
		}
		settled++
	}
	return settled, failed
}
