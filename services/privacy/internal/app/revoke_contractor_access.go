package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// RevokeContractorAccess ends a contractor grant at once (admins only;
// A3.2), kept in its history and published
// (seoul.privacy.contractor.revoked); every service refuses the contractor
// as soon as it hears. Revoking a revoked grant returns it unchanged.
func (a *App) RevokeContractorAccess(ctx context.Context, grantID, reason string) (domain.ContractorGrant, error) {
	actor := caller(ctx)
	if err := adminOnly(actor); err != nil {
		return domain.ContractorGrant{}, err
	}
	if !validUUID(grantID) {
		return domain.ContractorGrant{}, errs.Invalid("grant_id", "NOT_UUID")
	}
	return a.Contractors.Update(ctx, grantID, func(g *domain.ContractorGrant) error {
		return g.Revoke(actor.Subject, maskNote(reason), a.now())
	})
}
