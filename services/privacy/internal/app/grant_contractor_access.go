package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// GrantContractorAccess lets an outside contractor act in one service as
// an official of a department or a moderator of a board for a period of
// at most a year (admins only; A3.2). The grant is kept with its history
// and published (seoul.privacy.contractor.granted), from which every
// service learns it. A grant that would be in force together with another
// of the contractor's in the same service is refused, unless both are
// moderator grants of different boards; a retry with the same request_id
// returns the grant already made.
func (a *App) GrantContractorAccess(ctx context.Context, in domain.ContractorGrant) (domain.ContractorGrant, error) {
	actor := caller(ctx)
	if err := adminOnly(actor); err != nil {
		return domain.ContractorGrant{}, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return domain.ContractorGrant{}, err
	}
	in.ID, in.Reason = id.String(), maskNote(in.Reason)
	g, err := domain.NewContractorGrant(in, actor.Subject, a.now())
	if err != nil {
		return domain.ContractorGrant{}, err
	}
	return a.Contractors.Create(ctx, g, func(others []domain.ContractorGrant) error {
		for _, o := range others {
			if g.Overlaps(o) {
				return errs.FailedPrecondition("CONTRACTOR_GRANT_OVERLAPS", "grant_id", o.ID)
			}
		}
		return nil
	})
}

// adminOnly refuses everyone but admins (people: a machine client never
// holds the admin role).
func adminOnly(actor domain.Actor) error {
	if !actor.Has(domain.RoleAdmin) {
		return refusal(actor, "ADMIN_ONLY")
	}
	return nil
}
