package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// WithdrawComment lets the author take back their own comment (see
// withdrawItem).
func (s *App) WithdrawComment(ctx context.Context, id, etag string) (View, error) {
	return s.withdrawItem(ctx, domain.KindComment, id, etag)
}
