package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// GetPost returns a post at its own address; a removed one is a tombstone
// for the public (A5.0).
func (s *App) GetPost(ctx context.Context, id string) (View, error) {
	return s.getItem(ctx, domain.KindPost, id)
}
