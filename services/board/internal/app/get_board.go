package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// GetBoard returns one board (public).
func (s *App) GetBoard(ctx context.Context, id string) (domain.Board, error) {
	if err := requireID("board_id", id); err != nil {
		return domain.Board{}, err
	}
	return s.boards.Get(ctx, id)
}
