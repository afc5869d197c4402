package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// WithdrawPost lets the author take back their own post (see withdrawItem).
func (s *App) WithdrawPost(ctx context.Context, id, etag string) (View, error) {
	return s.withdrawItem(ctx, domain.KindPost, id, etag)
}
