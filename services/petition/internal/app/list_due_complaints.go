package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// Page sizes of the lists (page_size 0 means defaultPage; above maxPage is
// served as maxPage).
const (
	defaultPage = 50
	maxPage     = 500
)

// ListDueComplaints lists a department's open complaints past their warning
// time (nearing their due time) or past due.
func (s *App) ListDueComplaints(ctx context.Context, department string) ([]*domain.Complaint, error) {
	var v errs.Violations
	checkDepartment(&v, "department_code", department, true)
	if err := v.Err(); err != nil {
		return nil, err
	}
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, err
	}
	if !s.canHandle(c, department) {
		return nil, errs.PermissionDenied("DEPARTMENT_OR_MAYOR", "department", department)
	}
	// Filtered in the query, so the page limit never hides the oldest (most
	// overdue) complaints behind newer ones that are not due yet.
	list, _, err := s.store.ListComplaints(ctx, ComplaintFilter{Department: department, OpenOnly: true,
		WarnedBy: s.now(), PageSize: 500})
	return list, err
}
