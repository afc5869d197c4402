package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// GetParticipationEvent returns one participation event the caller may see.
func (a *App) GetParticipationEvent(ctx context.Context, id string) (*domain.ParticipationEvent, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	return a.visible(ctx, id)
}
