package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// ListComments lists a post's comments, oldest first.
func (s *App) ListComments(ctx context.Context, postID string, size int32, token string) (ListPage, error) {
	if _, err := s.getItem(ctx, domain.KindPost, postID); err != nil {
		return ListPage{}, err
	}
	return s.list(ctx, ItemQuery{Kind: domain.KindComment, PostID: postID}, size, token)
}
