package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// SetValidity adds a version of the validity period (admins). It applies
// to lots earned from its start; existing lots keep their expiry dates.
func (a *App) SetValidity(ctx context.Context, v domain.Validity) (domain.Validity, error) {
	c, err := identity.RequireAny(ctx, identity.RoleAdmin)
	if err != nil {
		return v, err
	}
	now := a.Now()
	if v.EffectiveFrom.IsZero() {
		v.EffectiveFrom = now
	}
	if err := domain.ValidateValidity(v, now); err != nil {
		return v, err
	}
	v.CreatedBy = c.Subject
	stored, err := a.validities.Publish(ctx, func(prev domain.Validity) (domain.Validity, error) {
		if !v.EffectiveFrom.After(prev.EffectiveFrom) {
			return v, errs.Invalid("effective_time", "AFTER_VERSION_START", "version", prev.Version)
		}
		return v, nil
	})
	if err != nil {
		return v, conflictOnDuplicate(err)
	}
	return stored, nil
}
