package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// PutDepartment creates or replaces a directory entry (admins keep the
// directory, A4.2).
func (a *App) PutDepartment(ctx context.Context, d domain.Department) (domain.Department, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return d, err
	}
	if err := d.Validate(); err != nil {
		return d, err
	}
	if err := a.departments.Put(ctx, d); err != nil {
		if errs.Is(err, errs.KindFailedPrecondition) {
			return d, errs.Invalid("parent_code", "UNKNOWN_DEPARTMENT", "code", d.ParentCode)
		}
		return d, err
	}
	return d, nil
}
