package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// Redeem spends the caller's points on a catalog item in two phases
// (A8.1.1–A8.1.3): hold the points (oldest expiry first), ask the partner
// to confirm, then post the redemption — or void the hold when the partner
// declines. When the partner cannot be reached the redemption stays held
// and the hold-timeout job settles it. The idempotency key makes a retry
// return the first redemption; the card or account number goes to the
// privacy service and only its token is kept.
func (a *App) Redeem(ctx context.Context, req domain.RedeemRequest) (domain.Redemption, error) {
	c, err := identity.RequireAny(ctx, identity.RoleCitizen)
	if err != nil {
		return domain.Redemption{}, err
	}
	req.Subject = c.Subject
	var item *domain.CatalogItem
	if domain.ValidItemID(req.ItemID) { // a malformed id is bad input, never a query
		if item, err = a.catalog.Get(ctx, req.ItemID); err != nil {
			return domain.Redemption{}, err
		}
	}
	if err := domain.ValidateRedeem(req, item); err != nil {
		return domain.Redemption{}, err
	}
	if prior, err := a.redemptions.ByKey(ctx, req.Subject, req.IdempotencyKey); err != nil || prior != nil {
		return replay(prior, req, err)
	}
	// Collect no card number for a redemption that cannot succeed; the
	// hold re-checks under the account lock.
	if have, err := a.accounts.Spendable(ctx, req.Subject, a.Now()); err != nil || have < req.Points {
		if err != nil {
			return domain.Redemption{}, err
		}
		return domain.Redemption{}, domain.ErrInsufficient(have, req.Points)
	}
	r, err := a.hold(ctx, req, *item)
	if err != nil || r.Status != domain.RedemptionHeld {
		return r, err
	}
	_, account := req.PersonalValue(*item)
	return a.confirm(ctx, r, account)
}

// replay answers a retried request with the redemption it already made.
func replay(prior *domain.Redemption, req domain.RedeemRequest, err error) (domain.Redemption, error) {
	if err != nil {
		return domain.Redemption{}, err
	}
	if prior.RequestHash != req.Hash() {
		return *prior, errs.Invalid("idempotency_key", "IDEMPOTENCY_KEY_REUSED")
	}
	return *prior, nil
}

// hold tokenizes the personal value, then, with the citizen's account
// locked, takes the points from the lots FIFO and moves them to the holds
// account (take). Concurrent redemptions on one account queue on that lock, so
// no point is spent twice and the balance never goes negative.
func (a *App) hold(ctx context.Context, req domain.RedeemRequest, item domain.CatalogItem) (domain.Redemption, error) {
	now := a.Now()
	r := domain.Redemption{ID: newID(), Subject: req.Subject, IdempotencyKey: req.IdempotencyKey,
		RequestHash: req.Hash(), ItemID: item.ID, Channel: item.Channel, Points: req.Points,
		Status: domain.RedemptionHeld, CreatedAt: now, HoldExpiresAt: now.Add(a.opts.HoldTimeout)}
	if field, value := req.PersonalValue(item); field != "" {
		token, masked, err := a.privacy.Store(ctx, req.Subject, field, value)
		if err != nil {
			return r, err
		}
		r.AccountToken, r.MaskedAccount = token, masked
	}
	prior, err := a.redemptions.Create(ctx, r, func(w *domain.Wallet) ([]domain.Allocation, error) {
		return a.take(w, r)
	})
	if err != nil || prior != nil {
		if prior != nil {
			return replay(prior, req, err)
		}
		return r, err
	}
	return r, nil
}

// take allocates r's points from the wallet's live lots, oldest expiry
// first, takes them from the lots and moves them to the holds account of
// their budget years; the hold is announced.
func (a *App) take(w *domain.Wallet, r domain.Redemption) ([]domain.Allocation, error) {
	allocs, err := domain.Allocate(w.Lots, r.Points, r.CreatedAt)
	if err != nil {
		return nil, err
	}
	for _, al := range allocs {
		l := *w.Lot(al.LotID)
		l.Remaining -= al.Points
		w.SaveLot(l)
	}
	p := domain.Posting{ID: newID(), Kind: domain.TxHold, Reference: r.ID, Memo: "redemption " + r.ItemID, PostedAt: r.CreatedAt}
	p.Add(domain.Citizen(r.Subject), -r.Points)
	byYear := domain.ByYear(allocs)
	for _, y := range domain.Years(byYear) {
		p.Add(domain.Holds(y), byYear[y])
	}
	w.Post(p)
	w.Record(domain.RedemptionOnHold{RedemptionChange: redemptionChange(r, r.CreatedAt)})
	return allocs, nil
}

// confirm asks the partner, bounded by PartnerTimeout, and settles the
// hold with the answer. An unreachable partner leaves the hold for the
// timeout job, which cancels at the partner first so a late confirm
// cannot deliver after the points went back.
func (a *App) confirm(ctx context.Context, r domain.Redemption, account string) (domain.Redemption, error) {
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.opts.PartnerTimeout)
	defer cancel()
	res, err := a.partner.Confirm(pctx, PartnerRequest{RedemptionID: r.ID, Channel: r.Channel,
		ItemID: r.ItemID, Points: r.Points, Account: account})
	if err != nil {
		a.log.Warn("partner unreachable; hold left for the timeout job", "redemption_id", r.ID, "err", err)
		return r, nil
	}
	return a.settle(context.WithoutCancel(ctx), r, res)
}
