package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// AssignComplaint gives a complaint to a department and handler. The
// Mayor's office dispatches to any department; a department's officials
// only name a handler among themselves.
func (s *App) AssignComplaint(ctx context.Context, t Target, department, handler string) (*domain.Complaint, error) {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	checkDepartment(&v, "department_code", department, true)
	domain.CheckText(&v, "handler_subject", handler, 0, 200)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.handle(ctx, t, func(c identity.Claims, cp *domain.Complaint) error {
		if department != cp.Department && !s.isMayorOffice(c) {
			return errs.PermissionDenied("TRANSFER_NOT_ASSIGN")
		}
		return cp.Assign(actor(c), department, handler, s.now())
	})
}
