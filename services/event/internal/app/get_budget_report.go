package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// GetBudgetReport reports a budget year per participation event (officials, admins).
func (a *App) GetBudgetReport(ctx context.Context, year int) (domain.BudgetReport, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleOfficial, identity.RoleAdmin); err != nil {
		return domain.BudgetReport{}, err
	}
	if err := domain.ValidateProgrammeBudget(year, 0); err != nil {
		return domain.BudgetReport{}, err
	}
	return a.budgets.Report(ctx, year)
}
