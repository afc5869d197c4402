package app

import (
	"context"
	"slices"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ListRevealGrants lists the grants in force for a case: all of them to
// privacy officers, a department's own to its officials, and a citizen's
// own to the citizen.
func (a *App) ListRevealGrants(ctx context.Context, caseRef, purpose string) ([]domain.Grant, error) {
	actor := caller(ctx)
	var v errs.Violations
	v.Check(caseRef == "", "case_reference", "CASE_REFERENCE_REQUIRED")
	v.Check(len(caseRef) > 128, "case_reference", "TOO_LONG", "max", 128)
	v.Check(purpose != "" && !domain.CaseBoundPurpose(purpose), "purpose", "NOT_ONE_OF", "allowed", "complaint_handling, prize_delivery, redemption")
	if err := v.Err(); err != nil {
		return nil, err
	}
	if actor.Anonymous() {
		return nil, errs.Unauthenticated("SIGN_IN_REQUIRED")
	}
	var visible func(domain.Grant) bool
	switch {
	case actor.Has(domain.RolePrivacyOfficer):
		visible = func(domain.Grant) bool { return true }
	case actor.Has(domain.RoleOfficial) && actor.Department != "":
		visible = func(g domain.Grant) bool { return g.Department == actor.Department }
	case actor.Has(domain.RoleCitizen):
		visible = func(g domain.Grant) bool { return actor.Self(g.SubjectID) }
	default:
		return nil, errs.PermissionDenied("GRANTS_LIST_DENIED")
	}
	purposes := []string{domain.PurposeComplaintHandling, domain.PurposePrizeDelivery}
	if purpose != "" {
		purposes = []string{purpose}
	}
	all, err := a.Grants.ForCase(ctx, caseRef, purposes...)
	if err != nil {
		return nil, err
	}
	now := a.now()
	return slices.DeleteFunc(all, func(g domain.Grant) bool { return !g.ActiveAt(now) || !visible(g) }), nil
}
