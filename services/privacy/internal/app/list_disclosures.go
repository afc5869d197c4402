package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ListDisclosures pages the register (privacy officers, admins) and
// returns the next page's token ("" on the last).
func (a *App) ListDisclosures(ctx context.Context, pageSize int, pageToken string) ([]domain.Disclosure, string, error) {
	actor := caller(ctx)
	if !actor.HasAny(domain.RolePrivacyOfficer, domain.RoleAdmin) {
		return nil, "", refusal(actor, "OFFICER_OR_ADMIN_ONLY")
	}
	size, err := pagetoken.Size(pageSize, 50, 500)
	if err != nil {
		return nil, "", err
	}
	return a.Disclosures.List(ctx, pagetoken.Page{Size: size, Token: pageToken})
}
