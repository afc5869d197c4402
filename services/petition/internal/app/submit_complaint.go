package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// SubmitComplaint files a civil complaint (A3.1.3, A6.2). Everything is
// validated before the contact goes to the privacy service, so bad input
// stores nothing anywhere. Personal data in the title, body and address is
// masked, never refused; the originals go to the privacy vault for the
// handling official (A10.1, A10.4). A retry with the same request id
// returns the first complaint.
func (s *Service) SubmitComplaint(ctx context.Context, d domain.ComplaintDraft, origin domain.Origin) (*domain.Complaint, error) {
	if err := d.Check(); err != nil {
		return nil, err
	}
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, errs.Unauthenticated("SIGN_IN_FOR_COMPLAINT")
	}
	if prior, err := s.priorComplaint(ctx, c.Subject, d.RequestID); prior != nil || err != nil {
		return prior, err
	}
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return nil, err
	}
	masked, err := s.privacy.StoreContact(ctx, c.Subject, d.Contact.Normalize())
	if err != nil {
		return nil, err
	}
	id := newID()
	kinds, originals := screen(text{"title", &d.Title}, text{"body", &d.Body}, text{"location.address", &d.Location.Address})
	vaulted, err := s.vault(ctx, c.Subject, "complaint", id, originals)
	if err != nil {
		return nil, err
	}
	typ, _ := domain.TypeByCode(d.Type)
	cp, err := domain.NewComplaint(id, origin, c.Subject, typ, d, masked, s.now(), cal)
	if err != nil {
		return nil, err
	}
	cp.PersonalData = domain.PersonalData{Kinds: kinds, Originals: vaulted}
	err = s.store.CreateComplaint(ctx, cp)
	if errs.Is(err, errs.KindAlreadyExists) && d.RequestID != "" {
		return s.store.FindComplaintByRequest(ctx, c.Subject, d.RequestID)
	}
	return cp, err
}

func (s *Service) priorComplaint(ctx context.Context, subject, requestID string) (*domain.Complaint, error) {
	if requestID == "" {
		return nil, nil
	}
	cp, err := s.store.FindComplaintByRequest(ctx, subject, requestID)
	if errs.Is(err, errs.KindNotFound) {
		return nil, nil
	}
	return cp, err
}
