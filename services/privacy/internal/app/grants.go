package app

import (
	"context"
	"slices"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// caseGrants loads the grants a case-bound rule may need: none when the
// purpose is not case-bound or no case is named.
func (a *App) caseGrants(ctx context.Context, purpose, caseRef string) (domain.CaseGrants, error) {
	g := domain.CaseGrants{At: a.now()}
	if caseRef == "" || !domain.CaseBoundPurpose(purpose) {
		return g, nil
	}
	var err error
	g.Grants, err = a.Grants.ForCase(ctx, caseRef, purpose)
	return g, err
}

// storeGrants loads the grants of the case a store by someone other than
// the subject names (the subject needs none).
func (a *App) storeGrants(ctx context.Context, actor domain.Actor, in StoreInput) (domain.CaseGrants, error) {
	g := domain.CaseGrants{At: a.now()}
	if actor.Self(in.SubjectID) || in.CaseReference == "" {
		return g, nil
	}
	var err error
	g.Grants, err = a.Grants.ForCase(ctx, in.CaseReference, domain.PurposeComplaintHandling, domain.PurposePrizeDelivery)
	return g, err
}

// ListRevealGrants lists the grants in force for a case: all of them to
// privacy officers, a department's own to its officials, and a citizen's
// own to the citizen.
func (a *App) ListRevealGrants(ctx context.Context, actor domain.Actor, caseRef, purpose string) ([]domain.Grant, error) {
	var v errs.Violations
	v.Check(caseRef == "", "case_reference", "CASE_REFERENCE_REQUIRED")
	v.Check(len(caseRef) > 128, "case_reference", "TOO_LONG", "max", 128)
	v.Check(purpose != "" && !domain.CaseBoundPurpose(purpose), "purpose", "NOT_ONE_OF", "allowed", "complaint_handling, prize_delivery, redemption")
	if err := v.Err(); err != nil {
		return nil, err
	}
	if actor.Anonymous() {
		return nil, errs.Unauthenticated("SIGN_IN_REQUIRED")
	}
	var visible func(domain.Grant) bool
	switch {
	case actor.Has(domain.RolePrivacyOfficer):
		visible = func(domain.Grant) bool { return true }
	case actor.Has(domain.RoleOfficial) && actor.Department != "":
		visible = func(g domain.Grant) bool { return g.Department == actor.Department }
	case actor.Has(domain.RoleCitizen):
		visible = func(g domain.Grant) bool { return actor.Self(g.SubjectID) }
	default:
		return nil, errs.PermissionDenied("GRANTS_LIST_DENIED")
	}
	purposes := []string{domain.PurposeComplaintHandling, domain.PurposePrizeDelivery}
	if purpose != "" {
		purposes = []string{purpose}
	}
	all, err := a.Grants.ForCase(ctx, caseRef, purposes...)
	if err != nil {
		return nil, err
	}
	now := a.now()
	return slices.DeleteFunc(all, func(g domain.Grant) bool { return !g.ActiveAt(now) || !visible(g) }), nil
}

// ApplyComplaintChange records what a complaint lifecycle event does to
// the complaint's grant (domain.ComplaintChange.Effect). An event older
// than one already applied to the case changes nothing, so redeliveries
// out of order cannot resurrect a moved or revoked grant.
func (a *App) ApplyComplaintChange(ctx context.Context, c domain.ComplaintChange, eventID string) error {
	if c.ComplaintID == "" || len(c.ComplaintID) > 128 {
		return errs.Invalid("complaint_id", "LENGTH", "min", 1, "max", 128)
	}
	effect := c.Effect()
	if effect == domain.EffectNone {
		return nil
	}
	if effect == domain.EffectHold && c.Subject == "" {
		return errs.Invalid("citizen_subject", "REQUIRED")
	}
	at := a.eventTime(c.At)
	const purpose = domain.PurposeComplaintHandling
	return a.Grants.Update(ctx, purpose, c.ComplaintID, func(k *domain.Case) error {
		if !k.Advance(at) {
			return nil
		}
		k.EventID = eventID
		switch effect {
		case domain.EffectHold:
			k.Hold(domain.Grant{Purpose: purpose, CaseReference: c.ComplaintID, SubjectID: c.Subject,
				Department: c.HolderDepartment(), GrantedAt: at, Reason: c.Kind})
		case domain.EffectGrace:
			k.Expire(at.Add(domain.ComplaintGrace), c.Kind)
		case domain.EffectRevoke:
			k.Revoke(at, "transferred out of the city ("+c.Detail+")")
		}
		return nil
	})
}

// eventTime is when a consumed event happened: its own time, or now for a
// producer that left it out.
func (a *App) eventTime(at time.Time) time.Time {
	if at.IsZero() {
		return a.now()
	}
	return at
}

// ApplyPrizeAwarded grants the department running eventID access to the
// winner's delivery data for PrizeDeliveryWindow after the award. The
// department may not be known yet; it is resolved when read.
func (a *App) ApplyPrizeAwarded(ctx context.Context, eventID, winner string, at time.Time, msgID string) error {
	var v errs.Violations
	v.Check(eventID == "" || len(eventID) > 128, "event_id", "LENGTH", "min", 1, "max", 128)
	v.Check(winner == "", "subject_id", "REQUIRED")
	if err := v.Err(); err != nil {
		return err
	}
	at = a.eventTime(at)
	return a.Grants.Update(ctx, domain.PurposePrizeDelivery, eventID, func(k *domain.Case) error {
		k.EventID = msgID
		k.Award(domain.Grant{Purpose: domain.PurposePrizeDelivery, CaseReference: eventID, SubjectID: winner,
			GrantedAt: at, ExpiresAt: at.Add(domain.PrizeDeliveryWindow), Reason: "prize awarded"})
		return nil
	})
}

// ApplyEventDepartment learns which department runs a participation event.
func (a *App) ApplyEventDepartment(ctx context.Context, eventID, department string, at time.Time) error {
	var v errs.Violations
	v.Check(eventID == "" || len(eventID) > 128, "event_id", "LENGTH", "min", 1, "max", 128)
	v.Check(department == "", "department_code", "REQUIRED")
	if err := v.Err(); err != nil {
		return err
	}
	return a.Grants.SetEventDepartment(ctx, eventID, department, a.eventTime(at))
}

// ApplyRedemptionChange grants the redemption case while the redemption is
// held (until its hold expires) and revokes it when the redemption is
// settled. An event older than one already applied to the redemption
// changes nothing, so a late redelivery of the hold cannot revive it.
func (a *App) ApplyRedemptionChange(ctx context.Context, c domain.RedemptionChange, eventID string) error {
	c.At = a.eventTime(c.At)
	var v errs.Violations
	v.Check(c.RedemptionID == "" || len(c.RedemptionID) > 128, "redemption_id", "LENGTH", "min", 1, "max", 128)
	v.Check(c.Subject == "", "subject_id", "REQUIRED")
	v.Check(c.Held && !c.HoldExpiresAt.After(c.At), "hold_expires_at", "NOT_AFTER", "other", "occurred_at")
	if err := v.Err(); err != nil {
		return err
	}
	const purpose = domain.PurposeRedemption
	return a.Grants.Update(ctx, purpose, c.RedemptionID, func(k *domain.Case) error {
		if !k.Advance(c.At) {
			return nil
		}
		k.EventID = eventID
		if !c.Held {
			k.Revoke(c.At, "redemption settled")
			return nil
		}
		k.Award(domain.Grant{Purpose: purpose, CaseReference: c.RedemptionID, SubjectID: c.Subject,
			GrantedAt: c.At, ExpiresAt: c.HoldExpiresAt, Reason: "redemption held"})
		return nil
	})
}
