package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// GetParticipationEvent returns one participation event the caller may see.
func (a *App) GetParticipationEvent(ctx context.Context, id string) (*domain.Event, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	return a.visible(ctx, id)
}

// ListParticipationEvents lists what the caller may see: announced and
// later for everyone, drafts for their department's officials and admins.
func (a *App) ListParticipationEvents(ctx context.Context, f ListFilter) ([]*domain.Event, string, error) {
	var v errs.Violations
	v.Check(f.PageSize < 0 || f.PageSize > 100, "page_size", "OUT_OF_RANGE", "min", 0, "max", 100)
	v.Check(f.Department != "" && !domain.ValidDepartment(f.Department), "department_code", "DEPARTMENT_CODE")
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	if f.PageSize == 0 {
		f.PageSize = 20
	}
	c := identity.From(ctx)
	f.AllDrafts = c.Has(identity.RoleAdmin)
	if c.Has(identity.RoleOfficial) {
		f.DraftsOf = c.Department
	}
	return a.store.List(ctx, f)
}

// GetAnnouncement returns the frozen announcement of a participation event.
func (a *App) GetAnnouncement(ctx context.Context, id string) (*domain.Event, error) {
	e, err := a.GetParticipationEvent(ctx, id)
	if err != nil {
		return nil, err
	}
	if e.Status == domain.StatusDraft {
		return nil, errs.FailedPrecondition("EVENT_NOT_ANNOUNCED", "id", id)
	}
	return e, nil
}
