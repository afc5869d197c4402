package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// NewPost is a post as submitted.
type NewPost struct {
	BoardID, RequestID, Title, Body string
}

// CreatePost screens and stores a post. On a real-name board it needs the
// real-name claim and a name on file with the privacy service (A5.7); an
// exact repeat of the author's recent text is refused (A5.8); findings go
// to the moderation queue, never deleting anything themselves.
func (s *App) CreatePost(ctx context.Context, in NewPost) (View, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return View{}, err
	}
	if err := validateNewPost(in); err != nil {
		return View{}, err
	}
	b, err := s.boards.Get(ctx, in.BoardID)
	if err != nil {
		return View{}, err
	}
	it := domain.Item{Kind: domain.KindPost, BoardID: b.ID, Title: in.Title, Body: in.Body, RequestID: in.RequestID}
	return s.createItem(ctx, c, b, it)
}

func validateNewPost(in NewPost) error {
	var v errs.Violations
	if err := requireID("board_id", in.BoardID); err != nil {
		v.Add("board_id", "NOT_UUID")
	}
	domain.CheckRequestID(&v, in.RequestID)
	if err := domain.ValidatePost(in.Title, in.Body); err != nil {
		return mergeInvalid(&v, err)
	}
	return v.Err()
}
