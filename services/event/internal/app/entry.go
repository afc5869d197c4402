package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
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
	if mine, err := a.store.MyEntry(ctx, eventID, c.Subject); err == nil {
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
		PersonalDataKinds: maskAnswers(answers)}
	return a.store.CreateEntry(ctx, en, func(e *domain.ParticipationEvent) error {
		return e.AcceptEntry(en, a.now())
	})
}

// maskAnswers masks personal data in the answers in place with the suite's
// shared detector (A10.1) and returns the kinds found. No work needs an
// answer's original (the contact for a prize is asked for separately and
// vaulted), so none is kept.
func maskAnswers(answers []domain.Answer) []string {
	var s personaldata.Screening
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

// GetMyEntry returns the caller's entry with its draw result.
func (a *App) GetMyEntry(ctx context.Context, eventID string) (*domain.Entry, error) {
	if err := checkID("event_id", eventID); err != nil {
		return nil, err
	}
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := a.visible(ctx, eventID); err != nil {
		return nil, err
	}
	return a.store.MyEntry(ctx, eventID, c.Subject)
}
