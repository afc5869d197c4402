package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// SetProgrammeBudget sets a year's programme budget (admins). It may not
// fall below what the year's participation events already hold (A7.2).
func (a *App) SetProgrammeBudget(ctx context.Context, year int, amount int64) (domain.ProgrammeBudget, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return domain.ProgrammeBudget{}, err
	}
	if err := domain.ValidateProgrammeBudget(year, amount); err != nil {
		return domain.ProgrammeBudget{}, err
	}
	return a.budgets.Update(ctx, year, func(pb *domain.ProgrammeBudget) error {
		if err := domain.CheckShrink(amount, pb.Allocated); err != nil {
			return err
		}
		pb.Amount = amount
		return nil
	})
}
