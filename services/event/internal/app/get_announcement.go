package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

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
