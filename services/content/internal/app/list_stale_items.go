package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ListStaleItems lists a department's published items whose review is
// overdue, oldest due first, for its officials and admins (A4.1).
func (a *App) ListStaleItems(ctx context.Context, department string, p pagetoken.Page) ([]*domain.Item, string, error) {
	var v errs.Violations
	domain.ValidateDepartmentCode(&v, "department_code", department)
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	p, err := checkPage(p)
	if err != nil {
		return nil, "", err
	}
	if _, err := identity.RequireDepartment(ctx, department); err != nil {
		return nil, "", err
	}
	return a.items.ListStale(ctx, department, a.now(), p)
}
