package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// DraftEdit turns the stored draft into the edited one (a partial update
// applies its mask to it).
type DraftEdit func(stored domain.Draft) domain.Draft

// UpdateParticipationEvent edits a draft, budget and plan included, and
// validates the result as a whole. The year's row lock serializes it with
// every other plan change of the year, so the programme budget holds under
// concurrency (A7.2); announced events are frozen (A7.3). A stale etag is
// refused.
func (a *App) UpdateParticipationEvent(ctx context.Context, id, tag string, edit DraftEdit) (*domain.ParticipationEvent, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	if _, _, err := a.managed(ctx, id); err != nil {
		return nil, err
	}
	return a.events.UpdatePlan(ctx, id, func(e *domain.ParticipationEvent, year domain.ProgrammeBudget) error {
		if err := etag.Check(tag, etag.Of(e.Revision)); err != nil {
			return err
		}
		d := edit(e.Draft)
		d.Normalize()
		if err := d.Validate("draft"); err != nil {
			return err
		}
		if _, err := identity.RequireDepartment(ctx, d.DepartmentCode); err != nil {
			return err
		}
		if err := e.Edit(d, a.now()); err != nil {
			return err
		}
		return domain.CheckProgramme(year.Amount, year.Allocated, d.Budget, d.BudgetYear)
	})
}
