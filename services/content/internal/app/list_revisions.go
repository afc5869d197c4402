package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ListItemRevisions returns every published revision of an item, oldest
// first: who changed what and when (A4.1). Public for published items.
func (a *App) ListItemRevisions(ctx context.Context, id string) ([]domain.Revision, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	it, err := a.items.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := visible(ctx, it); err != nil {
		return nil, err
	}
	return a.items.Revisions(ctx, id)
}
