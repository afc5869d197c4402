package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// GetParticipationEvent returns one participation event the caller may see.
func (a *App) GetParticipationEvent(ctx context.Context, id string) (*domain.ParticipationEvent, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	return a.visible(ctx, id)
}

// The participation event list's page sizes (AIP-158: above the maximum
// is served at the maximum).
const (
	listDefault = 20
	listMax     = 100
)

// ListParticipationEvents lists what the caller may see: announced and
// later for everyone, drafts for their department's officials and admins.
func (a *App) ListParticipationEvents(ctx context.Context, f ListFilter, pageSize int, pageToken string) ([]*domain.ParticipationEvent, string, error) {
	var v errs.Violations
	size, err := pagetoken.Size(pageSize, listDefault, listMax)
	v.Merge(err)
	v.Check(f.Department != "" && !domain.ValidDepartment(f.Department), "department_code", "DEPARTMENT_CODE")
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	c := identity.From(ctx)
	f.AllDrafts = c.Has(identity.RoleAdmin)
	if c.Has(identity.RoleOfficial) {
		f.DraftsOf = c.Department
	}
	return a.store.List(ctx, f, pagetoken.Page{Size: size, Token: pageToken})
}

// GetAnnouncement returns the frozen announcement of a participation event.
func (a *App) GetAnnouncement(ctx context.Context, id string) (*domain.ParticipationEvent, error) {
	e, err := a.GetParticipationEvent(ctx, id)
	if err != nil {
		return nil, err
	}
	if e.Status == domain.StatusDraft {
		return nil, errs.FailedPrecondition("EVENT_NOT_ANNOUNCED", "id", id)
	}
	return e, nil
}
