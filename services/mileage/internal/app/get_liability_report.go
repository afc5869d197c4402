package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// GetLiabilityReport reports one budget year (admins).
func (a *App) GetLiabilityReport(ctx context.Context, year int) (domain.Liability, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return domain.Liability{}, err
	}
	if year < 2000 || year > 2200 {
		return domain.Liability{}, errs.Invalid("budget_year", "OUT_OF_RANGE", "min", 2000, "max", 2200)
	}
	return a.accounts.Liability(ctx, year)
}
