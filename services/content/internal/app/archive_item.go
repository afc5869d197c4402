package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ArchiveItem withdraws an item from the public; repeating it is harmless.
func (a *App) ArchiveItem(ctx context.Context, t Target) (*domain.Item, error) {
	return a.change(ctx, t, func(it *domain.Item) error {
		it.Archive(actor(ctx), a.now())
		return nil
	})
}
