package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// GetOpinion returns an opinion to its author and the Mayor's office; a
// published one to everyone, without its contact.
func (s *App) GetOpinion(ctx context.Context, id string) (*domain.Opinion, error) {
	if err := checkID("opinion_id", id); err != nil {
		return nil, err
	}
	o, err := s.store.GetOpinion(ctx, id)
	if err != nil {
		return nil, err
	}
	c := identity.From(ctx)
	switch {
	case s.isMayorOffice(c) || (!c.Anonymous() && c.Subject == o.CitizenSubject):
		return o, nil
	case o.Status == domain.OpinionAcknowledged && o.PublishConsent:
		return PublicOpinion(o), nil
	}
	return nil, errs.NotFound("OPINION_NOT_FOUND", "id", id)
}

// PublicOpinion is an opinion as the public sees it once published: its
// masked texts, nothing personal, no vault tokens. It is also the preview
// the Mayor's office and the author see before publication.
func PublicOpinion(o *domain.Opinion) *domain.Opinion {
	p := *o
	p.Contact, p.CitizenSubject, p.RequestID, p.TriagedBy = domain.MaskedContact{}, "", "", ""
	p.PersonalData = domain.PersonalData{}
	return &p
}
