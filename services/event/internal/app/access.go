package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// manage allows officials of the participation event's department and admins.
func manage(ctx context.Context, e *domain.ParticipationEvent) (identity.Claims, error) {
	return identity.RequireDepartment(ctx, e.Draft.DepartmentCode)
}

// canSeeDraft reports whether the caller may see e while it is a draft.
func canSeeDraft(c identity.Claims, e *domain.ParticipationEvent) bool {
	return c.Has(identity.RoleAdmin) || c.OfficialOf(e.Draft.DepartmentCode)
}

// visible returns e when the caller may see it; drafts of other
// departments look like they do not exist.
func (a *App) visible(ctx context.Context, id string) (*domain.ParticipationEvent, error) {
	e, err := a.events.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !e.Public() && !canSeeDraft(identity.From(ctx), e) {
		return nil, errs.NotFound("EVENT_NOT_FOUND", "id", id)
	}
	return e, nil
}

// managed returns e when the caller may manage it.
func (a *App) managed(ctx context.Context, id string) (*domain.ParticipationEvent, identity.Claims, error) {
	e, err := a.visible(ctx, id)
	if err != nil {
		return nil, identity.Claims{}, err
	}
	c, err := manage(ctx, e)
	return e, c, err
}

// checkID returns InvalidArgument naming field unless id is a UUID, so a
// malformed id never reaches the database.
func checkID(field, id string) error {
	if _, err := uuid.Parse(id); err != nil || len(id) != 36 {
		return errs.Invalid(field, "NOT_UUID")
	}
	return nil
}
