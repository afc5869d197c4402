package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// complainant runs fn on the caller's own complaint.
func (s *Service) complainant(ctx context.Context, t Target, fn func(cp *domain.Complaint) error) (*domain.Complaint, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, err
	}
	return s.store.UpdateComplaint(ctx, t.ID, func(cp *domain.Complaint) error {
		if cp.CitizenSubject != c.Subject {
			return errs.NotFound("COMPLAINT_NOT_FOUND", "id", t.ID)
		}
		if err := etag.Check(t.Etag, etag.Of(cp.Revision)); err != nil {
			return err
		}
		return fn(cp)
	})
}

// RateComplaint records the complainant's satisfaction (1–5).
func (s *Service) RateComplaint(ctx context.Context, t Target, satisfaction int, comment string) (*domain.Complaint, error) {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	v.Check(satisfaction < 1 || satisfaction > 5, "satisfaction", "OUT_OF_RANGE", "min", 1, "max", 5)
	domain.CheckText(&v, "comment", comment, 0, 2000)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.complainant(ctx, t, func(cp *domain.Complaint) error {
		return cp.Rate(satisfaction, mask(comment), s.now())
	})
}

// RequestAdditionalAnswer reopens the caller's answered complaint.
func (s *Service) RequestAdditionalAnswer(ctx context.Context, t Target, reason string) (*domain.Complaint, error) {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	requiredText(&v, "reason", reason, 5000, "ANSWER_LEFT_OPEN_REQUIRED")
	if err := v.Err(); err != nil {
		return nil, err
	}
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return nil, err
	}
	return s.complainant(ctx, t, func(cp *domain.Complaint) error {
		return cp.Reopen(mask(reason), s.now(), cal)
	})
}

// ConsentToExtension records the complainant's consent to, or refusal of,
// a further extension of their complaint's period (시행령 제21조①): the
// office cannot extend a second time without it.
func (s *Service) ConsentToExtension(ctx context.Context, t Target, granted bool) (*domain.Complaint, error) {
	if err := checkID("complaint_id", t.ID); err != nil {
		return nil, err
	}
	return s.complainant(ctx, t, func(cp *domain.Complaint) error {
		return cp.DecideExtensionConsent(granted, s.now())
	})
}

// RequestProgress gives the complainant a progress notice on request: the
// status and the due date, and a progress event for the notification
// service.
func (s *Service) RequestProgress(ctx context.Context, id string) (*domain.Complaint, error) {
	if err := checkID("complaint_id", id); err != nil {
		return nil, err
	}
	c := identity.From(ctx)
	return s.complainant(ctx, Target{ID: id}, func(cp *domain.Complaint) error {
		cp.NoteProgress(actor(c), s.now())
		return nil
	})
}
