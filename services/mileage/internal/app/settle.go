package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// settle applies a partner's answer to a held redemption: confirmed posts
// the held points to the channel's redemption account; declined or
// cancelled voids the hold. Only a held redemption changes, so the
// request path and the timeout job (on any replica) settle it once.
func (a *App) settle(ctx context.Context, r domain.Redemption, res PartnerResult) (domain.Redemption, error) {
	return a.redemptions.Update(ctx, r.ID, func(r *domain.Redemption, allocs []domain.Allocation, w *domain.Wallet) error {
		if r.Status != domain.RedemptionHeld {
			return nil
		}
		if res.Status == PartnerConfirmed {
			a.post(r, allocs, w, res.Reference)
		} else {
			a.void(r, allocs, w, res.Status+": "+res.Reason)
		}
		return nil
	})
}

// post moves the held points to the channel (per budget year).
func (a *App) post(r *domain.Redemption, allocs []domain.Allocation, w *domain.Wallet, reference string) {
	now := a.Now()
	p := domain.Posting{ID: newID(), Kind: domain.TxPost, Reference: r.ID, Memo: "redeemed " + r.ItemID, PostedAt: now}
	byYear := domain.ByYear(allocs)
	for _, y := range domain.Years(byYear) {
		p.Add(domain.Holds(y), -byYear[y])
		p.Add(domain.RedeemedTo(r.Channel, y), byYear[y])
	}
	w.Post(p)
	r.Status, r.PartnerReference, r.CompletedAt = domain.RedemptionConfirmed, reference, &now
	w.Record(domain.RedemptionSettled{RedemptionChange: redemptionChange(*r, now)})
	w.Record(domain.PointsRedeemed{PointsChange: domain.Change(p, r.Subject, r.Points, now)})
}

// void returns the held points to the lots they came from, keeping their
// expiry dates. Points returning to a clawed-back lot pay the citizen's
// debt first (to the clawback account), so a clawback cannot be dodged by
// a redemption that fails.
func (a *App) void(r *domain.Redemption, allocs []domain.Allocation, w *domain.Wallet, reason string) {
	now := a.Now()
	debt := w.Debt
	p := domain.Posting{ID: newID(), Kind: domain.TxVoid, Reference: r.ID, Memo: "voided: " + reason, PostedAt: now}
	var restored int64
	for _, al := range allocs {
		toDebt := restoreLot(w, al, &debt)
		p.Add(domain.Holds(al.BudgetYear), -al.Points)
		p.Add(domain.Clawback(al.BudgetYear), toDebt)
		restored += al.Points - toDebt
	}
	p.Add(domain.Citizen(r.Subject), restored)
	w.Post(mergeEntries(p))
	w.SetDebt(debt)
	r.Status, r.FailureReason, r.CompletedAt = domain.RedemptionVoided, reason, &now
	w.Record(domain.RedemptionSettled{RedemptionChange: redemptionChange(*r, now)})
}

// restoreLot puts an allocation back on its lot and returns the part that
// paid debt instead (only for revoked lots).
func restoreLot(w *domain.Wallet, al domain.Allocation, debt *int64) int64 {
	lot := w.Lot(al.LotID)
	if lot == nil {
		return 0
	}
	l := *lot
	var toDebt int64
	if l.Revoked {
		toDebt = min(*debt, al.Points)
		*debt -= toDebt
		l.ClawedBack += toDebt
	}
	l.Remaining += al.Points - toDebt
	w.SaveLot(l)
	return toDebt
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

// redemptionChange is the redemption event of r's step at at.
func redemptionChange(r domain.Redemption, at time.Time) domain.RedemptionChange {
	return domain.RedemptionChange{RedemptionID: r.ID, Subject: r.Subject, Channel: r.Channel, Status: r.Status,
		At: at, HoldExpiresAt: r.HoldExpiresAt}
}
