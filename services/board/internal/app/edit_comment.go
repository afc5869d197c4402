package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// EditComment changes the author's own comment (its body), screened again
// as on create (A5.5, A5.6, A5.8, personal data).
func (s *App) EditComment(ctx context.Context, in Edit) (View, error) {
	in.Kind = domain.KindComment
	return s.editItem(ctx, in)
}
