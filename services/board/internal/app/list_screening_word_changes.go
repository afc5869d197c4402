package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// ListScreeningWordChanges pages the lists' audit trail, newest first
// (moderators only).
func (s *App) ListScreeningWordChanges(ctx context.Context, size int32, token string) ([]domain.WordChange, string, error) {
	if _, err := requireModerator(ctx); err != nil {
		return nil, "", err
	}
	n, err := pageSize(size)
	if err != nil {
		return nil, "", err
	}
	return s.words.Changes(ctx, pagetoken.Page{Size: n, Token: token})
}
