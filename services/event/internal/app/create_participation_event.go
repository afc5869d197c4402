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
func (a *App) CreateParticipationEvent(ctx context.Context, requestID string, d domain.Draft) (*domain.ParticipationEvent, error) {
	c, err := identity.RequireAny(ctx, identity.RoleOfficial, identity.RoleAdmin)
	if err != nil {
		return nil, err
	}
	d.Normalize()
	if err := checkCreate(requestID, d); err != nil {
		return nil, err
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
	e := &domain.ParticipationEvent{ID: id.String(), CreatedBy: c.Subject, Draft: d, Status: domain.StatusDraft,
		CreatedAt: now, UpdatedAt: now, Revision: 1}
	return a.events.Create(ctx, e, requestID, func(year domain.ProgrammeBudget) error {
		return domain.CheckProgramme(year.Amount, year.Allocated, d.Budget, d.BudgetYear)
	})
}

// checkCreate names every bad field of a create: the request id and the draft.
func checkCreate(requestID string, d domain.Draft) error {
	var v errs.Violations
	v.Check(utf8.RuneCountInString(requestID) > 100, "request_id", "TOO_LONG", "max", 100)
	domain.CheckPlain(&v, "request_id", requestID)
	v.Merge(d.Validate("draft"))
	return v.Err()
}
