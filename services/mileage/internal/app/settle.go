package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// settle applies a partner's answer to a held redemption: confirmed posts
// the held points to the channel's redemption account; declined or
// cancelled voids the hold. Only a held redemption changes, so the
// request path and the timeout job (on any replica) settle it once.
func (a *App) settle(ctx context.Context, r domain.Redemption, res PartnerResult) (domain.Redemption, error) {
	err := a.store.InTx(ctx, func(tx Tx) error {
		// Account before redemption before lots: the one lock order.
		if _, err := tx.LockAccount(ctx, r.Subject); err != nil {
			return err
		}
		locked, err := tx.LockRedemption(ctx, r.ID)
		if err != nil {
			return err
		}
		r = *locked
		if r.Status != domain.RedemptionHeld {
			return nil
		}
		if res.Status == PartnerConfirmed {
			return a.post(ctx, tx, &r, res.Reference)
		}
		return a.void(ctx, tx, &r, res.Status+": "+res.Reason)
	})
	return r, err
}

// post moves the held points to the channel (per budget year).
func (a *App) post(ctx context.Context, tx Tx, r *domain.Redemption, reference string) error {
	allocs, err := tx.Allocations(ctx, r.ID)
	if err != nil {
		return err
	}
	now := a.Now()
	p := domain.Posting{ID: newID(), Kind: domain.TxPost, Reference: r.ID, Memo: "redeemed " + r.ItemID, PostedAt: now}
	byYear := domain.ByYear(allocs)
	for _, y := range domain.Years(byYear) {
		p.Add(domain.Holds(y), -byYear[y])
		p.Add(domain.RedeemedTo(r.Channel, y), byYear[y])
	}
	if err := tx.Post(ctx, p); err != nil {
		return err
	}
	r.Status, r.PartnerReference, r.CompletedAt = domain.RedemptionConfirmed, reference, &now
	if err := tx.FinishRedemption(ctx, *r); err != nil {
		return err
	}
	return tx.Announce(ctx, pointsAnnouncement("redeemed", p, r.Subject, r.Points, now))
}

// void returns the held points to the lots they came from, keeping their
// expiry dates. Points returning to a clawed-back lot pay the citizen's
// debt first (to the clawback account), so a clawback cannot be dodged by
// a redemption that fails.
func (a *App) void(ctx context.Context, tx Tx, r *domain.Redemption, reason string) error {
	allocs, err := tx.Allocations(ctx, r.ID)
	if err != nil {
		return err
	}
	debt, err := tx.LockAccount(ctx, r.Subject)
	if err != nil {
		return err
	}
	now := a.Now()
	p := domain.Posting{ID: newID(), Kind: domain.TxVoid, Reference: r.ID, Memo: "voided: " + reason, PostedAt: now}
	var restored int64
	for _, al := range allocs {
		toDebt, err := restoreLot(ctx, tx, al, &debt)
		if err != nil {
			return err
		}
		p.Add(domain.Holds(al.BudgetYear), -al.Points)
		p.Add(domain.Clawback(al.BudgetYear), toDebt)
		restored += al.Points - toDebt
	}
	p.Add(domain.Citizen(r.Subject), restored)
	if err := tx.Post(ctx, mergeEntries(p)); err != nil {
		return err
	}
	if err := tx.SetDebt(ctx, r.Subject, debt); err != nil {
		return err
	}
	r.Status, r.FailureReason, r.CompletedAt = domain.RedemptionVoided, reason, &now
	return tx.FinishRedemption(ctx, *r)
}

// restoreLot puts an allocation back on its lot and returns the part that
// paid debt instead (only for revoked lots).
func restoreLot(ctx context.Context, tx Tx, al domain.Allocation, debt *int64) (int64, error) {
	lot, err := tx.LockLot(ctx, al.LotID)
	if err != nil || lot == nil {
		return 0, err
	}
	var toDebt int64
	if lot.Revoked {
		toDebt = min(*debt, al.Points)
		*debt -= toDebt
		lot.ClawedBack += toDebt
	}
	lot.Remaining += al.Points - toDebt
	return toDebt, tx.UpdateLot(ctx, *lot)
}

// mergeEntries sums entries per account so a posting lists each once.
func mergeEntries(p domain.Posting) domain.Posting {
	sums := map[string]int64{}
	accounts := map[string]domain.Account{}
	var order []string
	for _, e := range p.Entries {
		code := e.Account.Code()
		if _, ok := accounts[code]; !ok {
			order = append(order, code)
			accounts[code] = e.Account
		}
		sums[code] += e.Amount
	}
	p.Entries = nil
	for _, code := range order {
		p.Add(accounts[code], sums[code])
	}
	return p
}
