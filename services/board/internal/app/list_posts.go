package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// ListPosts lists a board's posts, newest first; removed ones stay in
// place as tombstones (A5.0).
func (s *App) ListPosts(ctx context.Context, boardID string, size int32, token string) (ListPage, error) {
	if err := requireID("board_id", boardID); err != nil {
		return ListPage{}, err
	}
	if _, err := s.boards.Get(ctx, boardID); err != nil {
		return ListPage{}, err
	}
	return s.list(ctx, ItemQuery{Kind: domain.KindPost, BoardID: boardID}, size, token)
}
