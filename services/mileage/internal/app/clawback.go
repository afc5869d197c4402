package app

import (
	"context"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// GroundWithdrawn is recorded as the ground of a source its author took
// back (seoul.board.post.withdrawn).
const GroundWithdrawn = "withdrawn"

// ClawbackSource reverses every award earned by a source removed under A5
// (a post or comment), or withdrawn by its author (ground GroundWithdrawn:
// otherwise posting and withdrawing would farm points), inside the
// consumer's transaction. The removal is remembered, so an award event
// arriving after it earns nothing.
func (a *App) ClawbackSource(ctx context.Context, tx Tx, kind, ref, ground string) error {
	if kind == "" || ref == "" {
		return errs.Invalid("target", "REQUIRED")
	}
	if err := tx.MarkSourceRemoved(ctx, kind, ref, ground, a.Now()); err != nil {
		return err
	}
	awards, err := tx.AwardsBySource(ctx, kind, ref)
	if err != nil {
		return err
	}
	memo, cause := "clawback: source removed under "+ground, domain.ClawbackRemoval
	if ground == GroundWithdrawn {
		memo, cause = "clawback: source withdrawn by its author", domain.ClawbackWithdrawal
	}
	for _, aw := range awards {
		if _, _, _, err := a.reverse(ctx, tx, aw, memo, cause); err != nil {
			return err
		}
	}
	return nil
}

// ReverseAward is an official's correction of one award, with a reason,
// audited; it follows the clawback policy.
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
	found, err := a.store.Award(ctx, awardID)
	if err != nil {
		return domain.Award{}, 0, 0, err
	}
	var aw domain.Award
	var reversed, debt int64
	err = a.store.InTx(ctx, func(tx Tx) error {
		if aw, reversed, debt, err = a.reverse(ctx, tx, found, "correction: "+reason, domain.ClawbackCorrection); err != nil {
			return err
		}
		return tx.InsertAudit(ctx, audit(c, "reversal", aw, -reversed, reason, a.Now()))
	})
	return aw, reversed, debt, err
}

// reverse applies the clawback policy to one award, locking the citizen's
// account, then the award, then its lot: the lot's unspent remainder goes
// back (citizen → clawback account of the lot's budget year); what was
// already spent, and what the award paid off an earlier debt, becomes debt
// that later awards offset. A balance never goes negative. Reversing twice
// does nothing. cause says why (domain.Clawback…).
func (a *App) reverse(ctx context.Context, tx Tx, found domain.Award, memo, cause string) (domain.Award, int64, int64, error) {
	debt, err := tx.LockAccount(ctx, found.Subject)
	if err != nil {
		return found, 0, 0, err
	}
	aw, err := tx.LockAward(ctx, found.ID)
	if err != nil || aw.Status != domain.AwardCredited || aw.ClawedBackAt != nil {
		return aw, 0, 0, err
	}
	var reversed, spent int64
	lot, err := tx.LockLot(ctx, aw.ID)
	if err != nil {
		return aw, 0, 0, err
	}
	if lot != nil {
		reversed, spent = domain.ClawbackSplit(*lot)
		if err := a.revokeLot(ctx, tx, *lot, memo); err != nil {
			return aw, 0, 0, err
		}
	}
	added := spent + aw.DebtOffset
	if added > 0 {
		if err := tx.SetDebt(ctx, aw.Subject, debt+added); err != nil {
			return aw, 0, 0, err
		}
	}
	now := a.Now()
	aw.ClawedBackAt, aw.Status = &now, domain.AwardClawedBack
	return aw, reversed, added, tx.MarkAwardClawedBack(ctx, aw.ID, now, cause)
}

// revokeLot posts the lot's remainder to the clawback account and closes it.
func (a *App) revokeLot(ctx context.Context, tx Tx, lot domain.Lot, memo string) error {
	rem := lot.Remaining
	lot.ClawedBack += rem
	lot.Remaining = 0
	lot.Revoked = true
	if err := tx.UpdateLot(ctx, lot); err != nil || rem == 0 {
		return err
	}
	p := domain.Posting{ID: newID(), Kind: domain.TxClawback, Reference: lot.ID, Memo: memo, PostedAt: a.Now()}
	p.Add(domain.Citizen(lot.Subject), -rem)
	p.Add(domain.Clawback(lot.BudgetYear), rem)
	if err := tx.Post(ctx, p); err != nil {
		return err
	}
	return tx.Announce(ctx, pointsAnnouncement("clawed_back", p, lot.Subject, rem, lot.ExpiresAt))
}

func audit(c identity.Claims, kind string, aw domain.Award, points int64, reason string, at time.Time) Audit {
	return Audit{Kind: kind, AwardID: aw.ID, Subject: aw.Subject, Points: points, Reason: reason,
		Actor: c.Subject, ActorRoles: roleList(c), Department: c.Department, At: at.UTC()}
}

// roleList is the caller's roles, comma-separated, as audits keep them.
func roleList(c identity.Claims) string {
	roles := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		roles[i] = string(r)
	}
	return strings.Join(roles, ",")
}
