package app

import (
	"context"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// CreateParticipationEvent creates a draft for the caller's department
// (officials of it, admins). The budget must fit the year's programme
// budget, checked under the year's row lock (A7.2). A repeated request_id
// returns the first result.
func (a *App) CreateParticipationEvent(ctx context.Context, requestID string, d domain.Draft) (*domain.Event, error) {
	c, err := identity.RequireAny(ctx, identity.RoleOfficial, identity.RoleAdmin)
	if err != nil {
		return nil, err
	}
	d.Normalize()
	verr := d.Validate("draft")
	if utf8.RuneCountInString(requestID) > 100 {
		return nil, errs.Invalid("request_id", "at most 100 characters")
	}
	if verr != nil {
		return nil, verr
	}
	if _, err := identity.RequireDepartment(ctx, d.DepartmentCode); err != nil {
		return nil, err
	}
	now := a.now()
	// Time-ordered ids keep the listing's tie-break stable and the index local.
	id, err := uuid.NewV7()
	if err != nil {
		return nil, err
	}
	e := &domain.Event{ID: id.String(), CreatedBy: c.Subject, Draft: d, Status: domain.StatusDraft,
		CreatedAt: now, UpdatedAt: now}
	return a.store.CreateEvent(ctx, e, requestID, func(programme, others int64) error {
		return domain.CheckProgramme(programme, others, d.Budget, d.BudgetYear)
	})
}

// UpdateParticipationEvent replaces a draft, budget and plan included. The
// year's row lock serializes it with every other plan change of the year,
// so the programme budget holds under concurrency (A7.2); announced events
// are frozen (A7.3).
func (a *App) UpdateParticipationEvent(ctx context.Context, id string, d domain.Draft) (*domain.Event, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	d.Normalize()
	if err := d.Validate("draft"); err != nil {
		return nil, err
	}
	if _, _, err := a.managed(ctx, id); err != nil {
		return nil, err
	}
	if _, err := identity.RequireDepartment(ctx, d.DepartmentCode); err != nil {
		return nil, err
	}
	return a.store.UpdateDraft(ctx, id, func(e *domain.Event, programme, others int64) error {
		if err := e.Edit(d, a.now()); err != nil {
			return err
		}
		return domain.CheckProgramme(programme, others, d.Budget, d.BudgetYear)
	})
}
