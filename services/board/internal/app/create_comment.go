package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// NewComment is a comment as submitted.
type NewComment struct {
	PostID, RequestID, Body string
}

// CreateComment screens and stores a comment on a visible post.
func (s *App) CreateComment(ctx context.Context, in NewComment) (View, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return View{}, err
	}
	var v errs.Violations
	if requireID("post_id", in.PostID) != nil {
		v.Add("post_id", "NOT_UUID")
	}
	domain.CheckRequestID(&v, in.RequestID)
	if err := mergeInvalid(&v, domain.ValidateComment(in.Body)); err != nil {
		return View{}, err
	}
	post, err := s.items.Get(ctx, in.PostID)
	if err != nil && !errs.Is(err, errs.KindNotFound) {
		return View{}, err
	}
	if err != nil || post.Kind != domain.KindPost || !post.Viewable(c, s.now()) {
		return View{}, itemNotFound(domain.KindPost, in.PostID)
	}
	if post.EffectiveStatus(s.now()) != domain.StatusVisible {
		return View{}, errs.FailedPrecondition("COMMENTS_CLOSED", "status", post.EffectiveStatus(s.now()))
	}
	b, err := s.boards.Get(ctx, post.BoardID)
	if err != nil {
		return View{}, err
	}
	it := domain.Item{Kind: domain.KindComment, BoardID: b.ID, PostID: post.ID, Body: in.Body, RequestID: in.RequestID}
	return s.createItem(ctx, c, b, it)
}
