package app

import (
	"context"
	"errors"
)

// VoidExpiredHolds settles holds whose partner did not answer in time. It
// first cancels at the partner: a partner that had confirmed says so and
// the redemption is posted; otherwise the cancel guarantees no late
// delivery and the hold is voided. A partner still unreachable leaves the
// hold for the next run rather than risk a delivery without payment.
func (a *App) VoidExpiredHolds(ctx context.Context) (int, error) {
	holds, err := a.redemptions.ExpiredHolds(ctx, a.Now(), a.opts.JobBatch)
	if err != nil {
		return 0, err
	}
	var failed error
	settled := 0
	for _, r := range holds {
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
