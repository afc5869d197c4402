package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// VerifyAccessLog recomputes the hash chain (privacy officers, admins).
func (a *App) VerifyAccessLog(ctx context.Context) (domain.ChainCheck, error) {
	actor := caller(ctx)
	if !actor.HasAny(domain.RolePrivacyOfficer, domain.RoleAdmin) {
		return domain.ChainCheck{}, refusal(actor, "OFFICER_OR_ADMIN_ONLY")
	}
	return a.Log.Verify(ctx)
}
