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
func (s *App) SubmitComplaint(ctx context.Context, d domain.ComplaintDraft, origin domain.Origin) (*domain.Complaint, error) {
	if err := d.Check(); err != nil {
		return nil, err
	}
	subject, err := complainant(ctx, d, origin)
	if err != nil {
		return nil, err
	}
	if d.MailID != "" {
		origin = domain.OriginEmail
	}
	if prior, err := s.priorComplaint(ctx, subject, d.RequestID); prior != nil || err != nil {
		return prior, err
	}
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return nil, err
	}
	masked, err := s.storeContact(ctx, subject, d.Contact.Normalize())
	if err != nil {
		return nil, err
	}
	id := newID()
	kinds, originals := screen([]string{d.Contact.Name}, text{"title", &d.Title}, text{"body", &d.Body},
		text{"location.address", &d.Location.Address})
	vaulted, err := s.vault(ctx, subject, "complaint", id, originals)
	if err != nil {
		return nil, err
	}
	typ, _ := domain.TypeByCode(d.Type)
	cp, err := domain.NewComplaint(id, origin, subject, typ, d, masked, s.now(), cal)
	if err != nil {
		return nil, err
	}
	cp.PersonalData = domain.PersonalData{Kinds: kinds, Originals: vaulted}
	err = s.store.CreateComplaint(ctx, cp)
	if errs.Is(err, errs.KindAlreadyExists) && d.RequestID != "" {
		return s.store.FindComplaintByRequest(ctx, subject, d.RequestID)
	}
	return cp, err
}

// complainantOf is whom a complaint is filed for: the signed-in person,
// or — when a registered machine client files for someone (an Open311 app
// with its API key) — a subject of the client's own namespace: the
// person's account in the client's system, else one of their own for this
// complaint. So each person's contact is theirs in the vault, never the
// client's, and the privacy service lets the client store it (A10.4).
func complainantOf(c identity.Claims, account string) string {
	if c.Client == "" {
		return c.Subject
	}
	if account == "" {
		account = newID()
	}
	return c.Subject + ":" + account
}

func (s *App) priorComplaint(ctx context.Context, subject, requestID string) (*domain.Complaint, error) {
	if requestID == "" {
		return nil, nil
	}
	cp, err := s.store.FindComplaintByRequest(ctx, subject, requestID)
	if errs.Is(err, errs.KindNotFound) {
		return nil, nil
	}
	return cp, err
}

// complainant is who files: the signed-in caller, or the citizen the mail
// service files for (a complaint they sent from their city mail ID, A9.1)
// — a delegation the platform admits only from a machine client whose
// registration lists it (identity.OnBehalfOf). The e-mail origin is the
// only use of the delegation, and only it may name a mail ID. A machine
// client files as itself only through Open311, for the people of its own
// namespace; the mail service, registered to file on citizens' behalf,
// must not file complaints of its own.
func complainant(ctx context.Context, d domain.ComplaintDraft, origin domain.Origin) (string, error) {
	if subject := identity.OnBehalfOf(ctx); subject != "" {
		if d.MailID == "" {
			return "", errs.Invalid("by_mail.mail_id", "REQUIRED")
		}
		return subject, nil
	}
	if d.MailID != "" {
		return "", errs.Invalid("by_mail", "MAIL_SERVICE_ONLY")
	}
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return "", errs.Unauthenticated("SIGN_IN_FOR_COMPLAINT")
	}
	if c.Client != "" && origin != domain.OriginOpen311 {
		return "", errs.PermissionDenied("COMPLAINANT_PERSON_ONLY")
	}
	return complainantOf(c, d.Account), nil
}
