package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// SubmitItemForReview moves a draft of the caller's department to review.
func (a *App) SubmitItemForReview(ctx context.Context, t Target) (*domain.Item, error) {
	return a.change(ctx, t, func(it *domain.Item) error { return it.Submit(a.now()) })
}
