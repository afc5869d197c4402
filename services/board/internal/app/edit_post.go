package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// EditPost changes the author's own post (the fields in.Mask names),
// screened again as on create (A5.5, A5.6, A5.8, personal data).
func (s *App) EditPost(ctx context.Context, in Edit) (View, error) {
	in.Kind = domain.KindPost
	return s.editItem(ctx, in)
}
