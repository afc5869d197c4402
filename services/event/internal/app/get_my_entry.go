package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

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
	return a.entries.Mine(ctx, eventID, c.Subject)
}
