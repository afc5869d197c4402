package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// ListBoards returns every board (public).
func (s *App) ListBoards(ctx context.Context) ([]domain.Board, error) {
	return s.boards.List(ctx)
}
