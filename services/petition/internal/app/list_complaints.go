package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// ListComplaints lists the caller's own complaints, or a department's for
// those who may handle it.
func (s *App) ListComplaints(ctx context.Context, f ComplaintFilter) ([]*domain.Complaint, string, error) {
	var v errs.Violations
	checkDepartment(&v, "department_code", f.Department, false)
	size, sizeErr := pagetoken.Size(f.PageSize, defaultPage, maxPage)
	v.Check(sizeErr != nil, "page_size", "PAGE_SIZE")
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	f.PageSize = size
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, "", err
	}
	if f.Department == "" {
		f.Citizen = c.Subject
	} else if !s.canHandle(c, f.Department) {
		return nil, "", errs.PermissionDenied("DEPARTMENT_OR_MAYOR", "department", f.Department)
	}
	return s.store.ListComplaints(ctx, f)
}
