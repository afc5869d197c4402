package grpcserver

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
)

// ContractorGrants gives a contractor the claims their live grant holds
// (A3.2); platform/contractors.Watcher implements it over the grants the
// privacy service publishes. callingService is the suite service that
// forwarded the contractor's token, as mutual TLS proved ("" otherwise).
type ContractorGrants interface {
	Admit(c identity.Claims, callingService string) (identity.Claims, error)
}

// admit holds machine clients to their registration and contractors to
// their grants.
func admit(ctx context.Context, opts Options, method string) (context.Context, error) {
	ctx, err := admitClient(ctx, opts.Clients, method)
	if err != nil {
		return ctx, err
	}
	return admitContractor(ctx, opts.Contractors)
}

// admitContractor replaces a contractor's claims for the call by those of
// their live grant: the token alone grants nothing. A contractor token
// carries the contractor role only; without grants to consult (none
// configured), a contractor is refused.
func admitContractor(ctx context.Context, grants ContractorGrants) (context.Context, error) {
	c := identity.From(ctx)
	if !c.Has(identity.RoleContractor) {
		return ctx, nil
	}
	if len(c.Roles) != 1 || c.Client != "" {
		return ctx, errs.Unauthenticated("CONTRACTOR_TOKEN_MALFORMED")
	}
	if grants == nil {
		return ctx, errs.PermissionDenied("CONTRACTORS_NOT_ADMITTED")
	}
	eff, err := grants.Admit(c, identity.CallingService(ctx))
	if err != nil {
		return ctx, err
	}
	return identity.With(ctx, eff), nil
}
