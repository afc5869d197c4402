package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// CreateBoard opens a board (A3.1.4). A retry with the same request id by
// the same caller returns the board created first; request ids are the
// caller's own, so another admin's id never returns their board.
func (s *App) CreateBoard(ctx context.Context, in domain.NewBoard) (domain.Board, error) {
	b, err := domain.ValidateBoard(in)
	if err != nil {
		return domain.Board{}, err
	}
	c := identity.From(ctx)
	if err := domain.MayCreateBoard(c, b.DepartmentCode); err != nil {
		return domain.Board{}, err
	}
	b.CreatedBy = c.Subject
	if b.Posting == "" {
		b.Posting = domain.PostingSignedIn
	}
	if b.Moderation == "" {
		b.Moderation = domain.ModerationPost
	}
	if b.RequestID == "" {
		b.RequestID = newID()
	}
	b.ID, b.CreatedAt, b.Revision = newID(), s.now(), 1
	b.UpdatedAt = b.CreatedAt
	return s.boards.Create(ctx, b)
}
