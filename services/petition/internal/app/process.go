package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// Target addresses the complaint a change applies to; Etag, when set,
// must be its current etag, so a change made meanwhile is not overwritten.
type Target struct {
	ID, Etag string
}

// handle runs fn on a complaint the caller may process: the Mayor's office
// for any complaint, a department's officials for the complaints it holds.
// Anyone else is told exactly what GetComplaint tells them — not found —
// and nothing about the complaint (its receipt number, its department).
func (s *Service) handle(ctx context.Context, t Target, fn func(c identity.Claims, cp *domain.Complaint) error) (*domain.Complaint, error) {
	c, err := identity.RequireAny(ctx, identity.RoleOfficial, identity.RoleAdmin, identity.RoleService)
	if err != nil {
		return nil, err
	}
	return s.store.UpdateComplaint(ctx, t.ID, func(cp *domain.Complaint) error {
		if err := s.mayHandle(c, cp); err != nil {
			return err
		}
		if err := etag.Check(t.Etag, etag.Of(cp.Revision)); err != nil {
			return err
		}
		return fn(c, cp)
	})
}

func (s *Service) mayHandle(c identity.Claims, cp *domain.Complaint) error {
	switch {
	case s.canHandle(c, cp.Department):
		return nil
	case !s.canSee(c, cp):
		return errs.NotFound("COMPLAINT_NOT_FOUND", "id", cp.ID)
	}
	return errs.PermissionDenied("COMPLAINT_HANDLERS_ONLY")
}

// AssignComplaint gives a complaint to a department and handler. The
// Mayor's office dispatches to any department; a department's officials
// only name a handler among themselves.
func (s *Service) AssignComplaint(ctx context.Context, t Target, department, handler string) (*domain.Complaint, error) {
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
func (s *Service) TransferComplaint(ctx context.Context, t Transfer) (*domain.Complaint, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	return s.handle(ctx, t.Target, func(c identity.Claims, cp *domain.Complaint) error {
		return cp.Transfer(actor(c), t.ToDepartment, mask(t.OutsideAgency), mask(t.Reason), s.now())
	})
}

// ExtendComplaint extends the processing period. A second extension takes
// the consent the complainant gave through ConsentToExtension; an official
// cannot assert it (officialConsent is the deprecated request field, refused
// when set).
func (s *Service) ExtendComplaint(ctx context.Context, t Target, period, reason string, officialConsent bool) (*domain.Complaint, error) {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	v.Check(officialConsent, "complainant_consent", "CONSENT_IS_THE_COMPLAINANTS")
	p, perr := clock.ParsePeriod(period)
	v.Check(perr != nil, "period", "PERIOD", "example", "7d")
	requiredText(&v, "reason", reason, 2000, "REASON_FOR_COMPLAINANT")
	if err := v.Err(); err != nil {
		return nil, err
	}
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return nil, err
	}
	return s.handle(ctx, t, func(c identity.Claims, cp *domain.Complaint) error {
		return cp.Extend(actor(c), p, mask(reason), s.now(), cal)
	})
}

// AnswerComplaint answers a complaint; the answer's texts are stored (and,
// with the complainant's consent, published) with personal data masked.
// With validateOnly nothing is stored or announced: the official sees the
// complaint as the answer would leave it, with the public preview of a
// consented complaint — exactly what publication will show.
func (s *Service) AnswerComplaint(ctx context.Context, t Target, a domain.AnswerDraft, validateOnly bool) (*domain.Complaint, error) {
	if err := checkID("complaint_id", t.ID); err != nil {
		return nil, err
	}
	if err := a.Check(); err != nil {
		return nil, err
	}
	a.Body, a.RefusalReasons, a.Remedies = mask(a.Body), mask(a.RefusalReasons), mask(a.Remedies)
	answer := func(c identity.Claims, cp *domain.Complaint) error { return cp.Answer(actor(c), a, s.now()) }
	if validateOnly {
		return s.preview(ctx, t, answer)
	}
	return s.handle(ctx, t, answer)
}

// preview runs fn on a copy of a complaint the caller may process and
// returns the result without storing it or announcing anything.
func (s *Service) preview(ctx context.Context, t Target, fn func(c identity.Claims, cp *domain.Complaint) error) (*domain.Complaint, error) {
	c, err := identity.RequireAny(ctx, identity.RoleOfficial, identity.RoleAdmin, identity.RoleService)
	if err != nil {
		return nil, err
	}
	cp, err := s.store.GetComplaint(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	if err := s.mayHandle(c, cp); err != nil {
		return nil, err
	}
	if err := etag.Check(t.Etag, etag.Of(cp.Revision)); err != nil {
		return nil, err
	}
	if err := fn(c, cp); err != nil {
		return nil, err
	}
	cp.Events() // a preview announces nothing
	return cp, nil
}

// CloseRepeatedComplaint closes a complaint repeated without new reasons.
func (s *Service) CloseRepeatedComplaint(ctx context.Context, t Target, earlierIDs []string, note string) (*domain.Complaint, error) {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	v.Check(len(earlierIDs) < 2 || len(earlierIDs) > 20, "earlier_complaint_ids", "COUNT_BETWEEN", "min", 2, "max", 20)
	for _, e := range earlierIDs {
		v.Check(checkID("earlier_complaint_ids", e) != nil, "earlier_complaint_ids", "NOT_UUID")
	}
	requiredText(&v, "note", note, 2000, "NOTE_NO_NEW_REASONS")
	if err := v.Err(); err != nil {
		return nil, err
	}
	earlier := make([]*domain.Complaint, 0, len(earlierIDs))
	for _, e := range earlierIDs {
		cp, err := s.store.GetComplaint(ctx, e)
		if err != nil {
			return nil, err
		}
		earlier = append(earlier, cp)
	}
	return s.handle(ctx, t, func(c identity.Claims, cp *domain.Complaint) error {
		return cp.CloseRepeated(actor(c), mask(note), earlier, s.now())
	})
}
