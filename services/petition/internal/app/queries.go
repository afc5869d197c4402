package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// GetComplaint returns a complaint to its complainant and to those who may
// handle it; to anyone else it does not exist.
func (s *Service) GetComplaint(ctx context.Context, id string) (*domain.Complaint, error) {
	if err := checkID("complaint_id", id); err != nil {
		return nil, err
	}
	cp, err := s.store.GetComplaint(ctx, id)
	if err != nil {
		return nil, err
	}
	if !s.canSee(identity.From(ctx), cp) {
		return nil, errs.NotFound("COMPLAINT_NOT_FOUND", "id", id)
	}
	return cp, nil
}

func (s *Service) canSee(c identity.Claims, cp *domain.Complaint) bool {
	if c.Anonymous() {
		return false
	}
	return c.Subject == cp.CitizenSubject || s.canHandle(c, cp.Department)
}

// ListComplaints lists the caller's own complaints, or a department's for
// those who may handle it.
func (s *Service) ListComplaints(ctx context.Context, f ComplaintFilter) ([]*domain.Complaint, string, error) {
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

// ListPublicComplaints lists answered complaints published with consent.
func (s *Service) ListPublicComplaints(ctx context.Context, pageSize int, token string) ([]*domain.Complaint, string, error) {
	size, err := pagetoken.Size(pageSize, defaultPage, maxPage)
	if err != nil {
		return nil, "", err
	}
	return s.store.ListComplaints(ctx, ComplaintFilter{PublishedOnly: true, AnsweredOnly: true, PageSize: size, PageToken: token})
}

// Page sizes of the lists (page_size 0 means defaultPage; above maxPage is
// served as maxPage).
const (
	defaultPage = 50
	maxPage     = 500
)

// ListDueComplaints lists a department's open complaints past their warning
// time (nearing their due time) or past due.
func (s *Service) ListDueComplaints(ctx context.Context, department string) ([]*domain.Complaint, error) {
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

// Now is the service's clock, for callers comparing due times.
func (s *Service) Now() time.Time { return s.now() }

// DepartmentFigures returns per-department figures for complaints received
// in [from, to) (A4.3). Aggregates carry no personal data and are public.
func (s *Service) DepartmentFigures(ctx context.Context, department string, from, to time.Time) ([]Figures, error) {
	var v errs.Violations
	checkDepartment(&v, "department_code", department, false)
	v.Check(from.IsZero(), "from", "REQUIRED")
	v.Check(to.IsZero(), "to", "REQUIRED")
	v.Check(!from.IsZero() && !to.IsZero() && !from.Before(to), "to", "NOT_AFTER", "other", "from")
	v.Check(to.Sub(from) > 3*366*24*time.Hour, "to", "PERIOD_TOO_LONG", "days", 3*366)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.store.DepartmentFigures(ctx, department, from, to, s.now())
}
