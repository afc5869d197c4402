package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// The participation event list's page sizes (AIP-158: above the maximum
// is served at the maximum).
const (
	listDefault = 20
	listMax     = 100
)

// ListParticipationEvents lists what the caller may see: announced and
// later for everyone, drafts for their department's officials and admins.
func (a *App) ListParticipationEvents(ctx context.Context, f ListFilter, pageSize int, pageToken string) ([]*domain.ParticipationEvent, string, error) {
	var v errs.Violations
	size, err := pagetoken.Size(pageSize, listDefault, listMax)
	v.Merge(err)
	v.Check(f.Department != "" && !domain.ValidDepartment(f.Department), "department_code", "DEPARTMENT_CODE")
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	c := identity.From(ctx)
	f.AllDrafts = c.Has(identity.RoleAdmin)
	if c.Has(identity.RoleOfficial) {
		f.DraftsOf = c.Department
	}
	return a.events.List(ctx, f, pagetoken.Page{Size: size, Token: pageToken})
}
