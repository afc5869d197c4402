package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// GetAccount returns a citizen's balance, holds, debt and open lots; subject
// "me" is the caller. The citizen, officials and admins.
func (a *App) GetAccount(ctx context.Context, subject string) (domain.AccountView, error) {
	subject, err := a.resolveSubject(ctx, subject)
	if err != nil {
		return domain.AccountView{}, err
	}
	return a.accounts.View(ctx, subject, a.Now())
}
