package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ConfirmItemCurrent records an official's check that a published item is
// still correct; the next review is due one cycle later (A4.1).
func (a *App) ConfirmItemCurrent(ctx context.Context, t Target) (*domain.Item, error) {
	return a.change(ctx, t, func(it *domain.Item) error {
		return it.Confirm(actor(ctx), a.now(), a.cycles)
	})
}
