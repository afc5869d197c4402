package app

import (
	"context"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// SubmitOpinion sends an opinion to the Mayor's office (A6.1). Anyone may;
// a signed-in citizen's contact goes to the privacy service. Personal data
// in the title and body is masked; a signed-in sender's originals go to the
// privacy vault, bound to the opinion's id, which the complaint it may
// become keeps (A6.2); an anonymous sender's are not kept anywhere. A retry
// with the same request id returns the first opinion.
func (s *App) SubmitOpinion(ctx context.Context, d domain.OpinionDraft) (*domain.Opinion, error) {
	c := identity.From(ctx)
	if err := d.Check(c.Anonymous()); err != nil {
		return nil, err
	}
	kinds, originals := screen(nil, text{"title", &d.Title}, text{"body", &d.Body})
	if prior, err := s.priorOpinion(ctx, c, d); prior != nil || err != nil {
		return prior, err
	}
	o := &domain.Opinion{Revision: 1, ID: newID(), CitizenSubject: c.Subject, RequestID: d.RequestID,
		Title: strings.TrimSpace(d.Title), Body: strings.TrimSpace(d.Body), PublishConsent: d.PublishConsent,
		Status: domain.OpinionReceived, SubmittedAt: s.now(), PersonalData: domain.PersonalData{Kinds: kinds}}
	if !c.Anonymous() {
		var err error
		if o.PersonalData.Originals, err = s.vault(ctx, c.Subject, "opinion", o.ID, originals); err != nil {
			return nil, err
		}
	}
	if contact := d.Contact.Normalize(); !contact.Empty() {
		masked, err := s.storeContact(ctx, c.Subject, contact)
		if err != nil {
			return nil, err
		}
		o.Contact = masked
	}
	o.Receive()
	err := s.store.CreateOpinion(ctx, o)
	if errs.Is(err, errs.KindAlreadyExists) && d.RequestID != "" {
		return s.priorOpinion(ctx, c, d)
	}
	return o, err
}

func (s *App) priorOpinion(ctx context.Context, c identity.Claims, d domain.OpinionDraft) (*domain.Opinion, error) {
	if d.RequestID == "" {
		return nil, nil
	}
	o, err := s.store.FindOpinionByRequest(ctx, c.Subject, d.RequestID)
	if errs.Is(err, errs.KindNotFound) {
		return nil, nil
	}
	if err != nil || !c.Anonymous() {
		return o, err
	}
	return anonymousRetry(o, d)
}

// anonymousRetry: all anonymous senders share one request-id namespace, so
// an earlier anonymous opinion is only returned for a retry of the same
// text (which tells the caller nothing new), stripped like a published
// one — never another sender's opinion.
func anonymousRetry(o *domain.Opinion, d domain.OpinionDraft) (*domain.Opinion, error) {
	if o.Title != strings.TrimSpace(d.Title) || o.Body != strings.TrimSpace(d.Body) || o.PublishConsent != d.PublishConsent {
		return nil, errs.AlreadyExists("REQUEST_ID_REUSED", "request_id", d.RequestID)
	}
	p := PublicOpinion(o)
	p.TriageNote = ""
	return p, nil
}
