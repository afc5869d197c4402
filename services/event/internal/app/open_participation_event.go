package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// OpenParticipationEvent opens an announced participation event for
// entries; without the announcement it is refused (A7.3).
func (a *App) OpenParticipationEvent(ctx context.Context, id, tag string) (*domain.ParticipationEvent, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	if _, _, err := a.managed(ctx, id); err != nil {
		return nil, err
	}
	return a.events.Update(ctx, id, func(e *domain.ParticipationEvent, _ Entrants) error {
		if err := etag.Check(tag, etag.Of(e.Revision)); err != nil {
			return err
		}
		return e.Open(a.now())
	})
}
