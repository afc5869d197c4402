package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

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
