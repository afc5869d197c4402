package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// Transfer is a transfer request.
type Transfer struct {
	Target
	ToDepartment, OutsideAgency, Reason string
}

func (t Transfer) check() error {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	v.Check((t.ToDepartment == "") == (t.OutsideAgency == ""), "to_department_code", "ONE_OF_FIELDS", "other", "outside_agency")
	checkDepartment(&v, "to_department_code", t.ToDepartment, false)
	domain.CheckText(&v, "outside_agency", t.OutsideAgency, 0, 200)
	requiredText(&v, "reason", t.Reason, 2000, "REASON_FOR_AUDIT")
	return v.Err()
}

// TransferComplaint moves a complaint to another department or out of the
// city, recorded in the audit trail.
func (s *App) TransferComplaint(ctx context.Context, t Transfer) (*domain.Complaint, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	return s.handle(ctx, t.Target, func(c identity.Claims, cp *domain.Complaint) error {
		return cp.Transfer(actor(c), t.ToDepartment, mask(t.OutsideAgency), mask(t.Reason), s.now())
	})
}
