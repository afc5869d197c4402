package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ReverseAward is an official's correction of one award, with a reason,
// audited; it follows the clawback policy. It returns the award, the
// points taken back and the debt added.
func (a *App) ReverseAward(ctx context.Context, awardID, reason string) (domain.Award, int64, int64, error) {
	c, err := a.requireStaff(ctx)
	if err != nil {
		return domain.Award{}, 0, 0, err
	}
	var v errs.Violations
	v.Check(!domain.ValidAwardID(awardID), "award_id", "NOT_UUID")
	domain.CheckText(&v, "reason", reason, 1000, true)
	if err := v.Err(); err != nil {
		return domain.Award{}, 0, 0, err
	}
	reason = maskReason(reason)
	var aw domain.Award
	var reversed, debt int64
	err = a.awards.Update(ctx, awardID, func(found *domain.Award, w *domain.Wallet) error {
		reversed, debt = a.reverse(found, w, "correction: "+reason, domain.ClawbackCorrection)
		aw = *found
		w.Adjust(adjustment(c, "reversal", aw, -reversed, reason, a.Now()))
		return nil
	})
	return aw, reversed, debt, err
}

// reverse applies the clawback policy to one award, with the citizen's
// account, the award and its lot locked: the lot's unspent remainder goes
// back (citizen → clawback account of the lot's budget year); what was
// already spent, and what the award paid off an earlier debt, becomes debt
// that later awards offset. A balance never goes negative. Reversing twice
// does nothing. cause says why (domain.Clawback…). It returns the points
// taken back and the debt added.
func (a *App) reverse(aw *domain.Award, w *domain.Wallet, memo, cause string) (reversed, added int64) {
	if aw.Status != domain.AwardCredited || aw.ClawedBackAt != nil {
		return 0, 0
	}
	var spent int64
	if lot := w.Lot(aw.ID); lot != nil {
		reversed, spent = domain.ClawbackSplit(*lot)
		a.revokeLot(w, *lot, memo)
	}
	added = spent + aw.DebtOffset
	if added > 0 {
		w.SetDebt(w.Debt + added)
	}
	now := a.Now()
	aw.ClawedBackAt, aw.ClawbackCause, aw.Status = &now, cause, domain.AwardClawedBack
	return reversed, added
}

// revokeLot posts the lot's remainder to the clawback account and closes it.
func (a *App) revokeLot(w *domain.Wallet, lot domain.Lot, memo string) {
	rem := lot.Remaining
	lot.ClawedBack += rem
	lot.Remaining = 0
	lot.Revoked = true
	w.SaveLot(lot)
	if rem == 0 {
		return
	}
	p := domain.Posting{ID: newID(), Kind: domain.TxClawback, Reference: lot.ID, Memo: memo, PostedAt: a.Now()}
	p.Add(domain.Citizen(lot.Subject), -rem)
	p.Add(domain.Clawback(lot.BudgetYear), rem)
	w.Post(p)
	w.Record(domain.PointsClawedBack{PointsChange: domain.Change(p, lot.Subject, rem, lot.ExpiresAt)})
}
