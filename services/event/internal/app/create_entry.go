package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// CreateEntry enters the calling citizen once (idempotent: a repeat returns
// the first entry and publishes nothing). The contact goes to the privacy
// service; only its tokens are kept here.
func (a *App) CreateEntry(ctx context.Context, eventID string, answers []domain.Answer, contact domain.Contact) (*domain.Entry, error) {
	if err := checkID("event_id", eventID); err != nil {
		return nil, err
	}
	c, err := identity.RequireAny(ctx, identity.RoleCitizen)
	if err != nil {
		return nil, err
	}
	e, err := a.visible(ctx, eventID)
	if err != nil {
		return nil, err
	}
	if mine, err := a.entries.Mine(ctx, eventID, c.Subject); err == nil {
		return mine, nil
	} else if !errs.Is(err, errs.KindNotFound) {
		return nil, err
	}
	if err := a.admissible(e, c, answers, contact); err != nil {
		return nil, err
	}
	tokens, err := a.storeContact(ctx, c.Subject, contact)
	if err != nil {
		return nil, err
	}
	en := &domain.Entry{ID: uuid.NewString(), EventID: eventID, SubjectID: c.Subject, Answers: answers, Contact: tokens,
		PersonalDataKinds: maskAnswers(answers, contact.Name)}
	return a.entries.Create(ctx, en, func(e *domain.ParticipationEvent) error {
		return e.AcceptEntry(en, a.now())
	})
}

// maskAnswers masks personal data in the answers in place with the suite's
// shared detector (A10.1), the entrant's own name wherever it occurs, and
// returns the kinds found. No work needs an answer's original (the contact
// for a prize is asked for separately and vaulted), so none is kept.
func maskAnswers(answers []domain.Answer, name string) []string {
	s := personaldata.Screening{Known: []string{name}}
	for i := range answers {
		answers[i].Value = s.Mask(answers[i].Value)
	}
	return personaldata.Names(s.Kinds())
}

// admissible checks the entry before anything leaves this service: input
// first (InvalidArgument), then eligibility and the entry period.
func (a *App) admissible(e *domain.ParticipationEvent, c identity.Claims, answers []domain.Answer, contact domain.Contact) error {
	if err := domain.ValidateEntry(e.Draft.Questions, answers, contact); err != nil {
		return err
	}
	if err := domain.CheckEligible(e.Draft.Eligibility, c.RealNameVerified); err != nil {
		return err
	}
	return e.AcceptsEntries(a.now())
}

// Purpose is the purpose of collection under which an entrant's contact is
// vaulted: delivering a prize.
const Purpose = "prize_delivery"

// contactPaths names the contact's fields of our request, so the privacy
// service's verdict on a bad phone number names contact.phone.
var contactPaths = client.Paths{"name": "contact.name", "phone": "contact.phone"}

// storeContact vaults the entrant's name and phone (the citizen's token is
// forwarded, so the privacy service decides and audits as for them) and
// returns their tokens.
func (a *App) storeContact(ctx context.Context, subject string, c domain.Contact) (domain.ContactTokens, error) {
	stored, err := a.privacy.Store(ctx, client.StoreRequest{Subject: subject, Purpose: Purpose, Paths: contactPaths,
		Fields: []client.Field{{Name: "name", Value: c.Name}, {Name: "phone", Value: c.Phone}}})
	if err != nil {
		return domain.ContactTokens{}, err
	}
	return domain.ContactTokens{Name: stored["name"].Token, Phone: stored["phone"].Token}, nil
}
