package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ArchiveItem withdraws an item from the public; repeating it is harmless.
func (a *App) ArchiveItem(ctx context.Context, id string) (*domain.Item, error) {
	return a.change(ctx, id, func(it *domain.Item) error {
		it.Archive(actor(ctx), a.now())
		return nil
	})
}
