package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// GetRedemption returns one redemption to its citizen, officials and admins.
func (a *App) GetRedemption(ctx context.Context, id string) (domain.Redemption, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return domain.Redemption{}, err
	}
	if _, err := uuid.Parse(id); err != nil {
		return domain.Redemption{}, errs.Invalid("redemption_id", "NOT_UUID")
	}
	r, err := a.redemptions.Get(ctx, id)
	if err != nil {
		return r, err
	}
	if r.Subject != c.Subject && !a.isStaff(c) {
		// Not found rather than denied: ids of others' redemptions are not confirmed.
		return domain.Redemption{}, errs.NotFound("REDEMPTION_NOT_FOUND", "id", id)
	}
	return r, nil
}
