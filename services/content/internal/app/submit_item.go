package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// SubmitItemForReview moves a draft of the caller's department to review.
func (a *App) SubmitItemForReview(ctx context.Context, id string) (*domain.Item, error) {
	return a.change(ctx, id, func(it *domain.Item) error { return it.Submit(a.now()) })
}
