package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// PlaceLegalHold records a hold (privacy officers).
func (a *App) PlaceLegalHold(ctx context.Context, h domain.LegalHold) (domain.LegalHold, error) {
	actor := caller(ctx)
	if err := domain.ValidateHold(h); err != nil {
		return domain.LegalHold{}, err
	}
	if !actor.Has(domain.RolePrivacyOfficer) {
		return domain.LegalHold{}, refusal(actor, "OFFICER_ONLY")
	}
	h.PlacedBy, h.Reason = actor.Subject, maskNote(h.Reason)
	return a.Holds.Create(ctx, h)
}
