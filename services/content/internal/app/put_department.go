package app

import (
	"context"
	"github.com/seoul-gov/homepage/platform/etag"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// PutDepartment creates or replaces a directory entry (admins keep the
// directory, A4.2). tag, when set, must be the stored entry's etag.
func (a *App) PutDepartment(ctx context.Context, d domain.Department, tag string) (domain.Department, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return d, err
	}
	if err := d.Validate(); err != nil {
		return d, err
	}
	err := a.departments.Put(ctx, &d, func(stored *domain.Department) error {
		current := ""
		if stored != nil {
			current = etag.Of(stored.Revision)
		}
		return etag.Check(tag, current)
	})
	if err != nil {
		if errs.Is(err, errs.KindFailedPrecondition) {
			return d, errs.Invalid("parent_code", "UNKNOWN_DEPARTMENT", "code", d.ParentCode)
		}
		return d, err
	}
	return d, nil
}
