package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// complainant runs fn on the caller's own complaint.
func (s *App) complainant(ctx context.Context, t Target, fn func(cp *domain.Complaint) error) (*domain.Complaint, error) {
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

// Target addresses the complaint a change applies to; Etag, when set,
// must be its current etag, so a change made meanwhile is not overwritten.
type Target struct {
	ID, Etag string
}

// handle runs fn on a complaint the caller may process: the Mayor's office
// for any complaint, a department's officials for the complaints it holds.
// Anyone else is told exactly what GetComplaint tells them — not found —
// and nothing about the complaint (its receipt number, its department).
func (s *App) handle(ctx context.Context, t Target, fn func(c identity.Claims, cp *domain.Complaint) error) (*domain.Complaint, error) {
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

func (s *App) mayHandle(c identity.Claims, cp *domain.Complaint) error {
	switch {
	case s.canHandle(c, cp.Department):
		return nil
	case !s.canSee(c, cp):
		return errs.NotFound("COMPLAINT_NOT_FOUND", "id", cp.ID)
	}
	return errs.PermissionDenied("COMPLAINT_HANDLERS_ONLY")
}

// preview runs fn on a copy of a complaint the caller may process and
// returns the result without storing it or announcing anything.
func (s *App) preview(ctx context.Context, t Target, fn func(c identity.Claims, cp *domain.Complaint) error) (*domain.Complaint, error) {
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

func (s *App) canSee(c identity.Claims, cp *domain.Complaint) bool {
	if c.Anonymous() {
		return false
	}
	return c.Subject == cp.CitizenSubject || s.canHandle(c, cp.Department)
}
