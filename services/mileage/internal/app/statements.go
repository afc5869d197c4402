package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// Account returns a citizen's balance, holds, debt and open lots; subject
// "me" is the caller. The citizen, officials and admins.
func (a *App) Account(ctx context.Context, subject string) (domain.AccountView, error) {
	subject, err := a.resolveSubject(ctx, subject)
	if err != nil {
		return domain.AccountView{}, err
	}
	return a.store.AccountView(ctx, subject, a.Now())
}

// History pages through a citizen's statement lines, newest first.
func (a *App) History(ctx context.Context, subject string, beforeSeq int64, limit int) ([]domain.HistoryLine, error) {
	subject, err := a.resolveSubject(ctx, subject)
	if err != nil {
		return nil, err
	}
	return a.store.History(ctx, subject, beforeSeq, limit)
}

// Redemption returns one redemption to its citizen, officials and admins.
func (a *App) Redemption(ctx context.Context, id string) (domain.Redemption, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return domain.Redemption{}, err
	}
	if _, err := uuid.Parse(id); err != nil {
		return domain.Redemption{}, errs.Invalid("redemption_id", "NOT_UUID")
	}
	r, err := a.store.Redemption(ctx, id)
	if err != nil {
		return r, err
	}
	if r.Subject != c.Subject && !a.isStaff(c) {
		// Not found rather than denied: ids of others' redemptions are not confirmed.
		return domain.Redemption{}, errs.NotFound("REDEMPTION_NOT_FOUND", "id", id)
	}
	return r, nil
}

// Redemptions pages through a citizen's redemptions, newest first; subject
// "me" is the caller. The citizen, officials and admins.
func (a *App) Redemptions(ctx context.Context, subject, beforeID string, limit int) ([]domain.Redemption, error) {
	subject, err := a.resolveSubject(ctx, subject)
	if err != nil {
		return nil, err
	}
	return a.store.Redemptions(ctx, subject, beforeID, limit)
}

// Liability reports one budget year (admins).
func (a *App) Liability(ctx context.Context, year int) (domain.Liability, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return domain.Liability{}, err
	}
	if year < 2000 || year > 2200 {
		return domain.Liability{}, errs.Invalid("budget_year", "OUT_OF_RANGE", "min", 2000, "max", 2200)
	}
	return a.store.Liability(ctx, year)
}
