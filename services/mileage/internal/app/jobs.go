package app

import (
	"context"
	"errors"
	"time"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// RunJobs runs the scheduled jobs every interval until ctx ends: expiry of
// lots to breakage, advance notices of expiries, and the hold timeout.
// Each is safe with several replicas running: work is claimed with row
// locks that skip what another replica holds, and every effect checks the
// state it changes.
func (a *App) RunJobs(ctx context.Context, interval time.Duration) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		for _, j := range []struct {
			name string
			run  func(context.Context) error
		}{{"expire-lots", a.ExpireLots}, {"announce-expiries", a.AnnounceExpiries}, {"void-expired-holds", a.VoidExpiredHolds}} {
			if err := j.run(ctx); err != nil && ctx.Err() == nil {
				a.log.Error("job failed", "job", j.name, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// ExpireLots moves the remainders of expired lots to the breakage account
// of their budget year (A8.2), one citizen per transaction. A citizen whose
// account another replica (or a redemption) holds is left for the next run.
func (a *App) ExpireLots(ctx context.Context) error {
	now := a.Now()
	subjects, err := a.store.SubjectsWithExpiredLots(ctx, now, a.opts.JobBatch)
	if err != nil {
		return err
	}
	for _, s := range subjects {
		if err := a.store.InTx(ctx, func(tx Tx) error { return a.expireFor(ctx, tx, s, now) }); err != nil {
			return err
		}
	}
	return nil
}

func (a *App) expireFor(ctx context.Context, tx Tx, subject string, now time.Time) error {
	ok, err := tx.TryLockAccount(ctx, subject)
	if err != nil || !ok {
		return err
	}
	lots, err := tx.LockExpiredLots(ctx, subject, now)
	if err != nil {
		return err
	}
	for _, l := range lots {
		rem := l.Remaining
		l.Expired += rem
		l.Remaining = 0
		if err := tx.UpdateLot(ctx, l); err != nil {
			return err
		}
		p := domain.Posting{ID: newID(), Kind: domain.TxExpiry, Reference: l.ID, Memo: "expired " + l.ExpiresAt.In(domain.Seoul).Format(time.DateOnly), PostedAt: now}
		p.Add(domain.Citizen(subject), -rem)
		p.Add(domain.Breakage(l.BudgetYear), rem)
		if err := tx.Post(ctx, p); err != nil {
			return err
		}
		if err := tx.Announce(ctx, pointsAnnouncement("expired", p, subject, rem, l.ExpiresAt)); err != nil {
			return err
		}
	}
	return nil
}

// AnnounceExpiries publishes seoul.mileage.points.expiring for lots that
// expire within the notice period of the validity in force, once per lot.
func (a *App) AnnounceExpiries(ctx context.Context) error {
	now := a.Now()
	v, err := a.store.ValidityAt(ctx, now)
	if err != nil || v.NoticeDays == 0 {
		return err
	}
	until := now.Add(time.Duration(v.NoticeDays) * 24 * time.Hour)
	return a.store.InTx(ctx, func(tx Tx) error {
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
		return tx.MarkAnnounced(ctx, ids, now)
	})
}

// VoidExpiredHolds settles holds whose partner did not answer in time. It
// first cancels at the partner: a partner that had confirmed says so and
// the redemption is posted; otherwise the cancel guarantees no late
// delivery and the hold is voided. A partner still unreachable leaves the
// hold for the next run rather than risk a delivery without payment.
func (a *App) VoidExpiredHolds(ctx context.Context) error {
	ids, err := a.store.ExpiredHolds(ctx, a.Now(), a.opts.JobBatch)
	if err != nil {
		return err
	}
	var failed error
	for _, id := range ids {
		r, err := a.store.Redemption(ctx, id)
		if err != nil {
			return err
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
			return err
		}
	}
	return failed
}
