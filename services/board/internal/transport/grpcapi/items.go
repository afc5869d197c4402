package grpcapi

import (
	"context"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/fieldmask"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// CreatePost posts on a board.
func (s *Server) CreatePost(ctx context.Context, req *boardv1.CreatePostRequest) (*boardv1.Post, error) {
	v, err := s.app.CreatePost(ctx, app.NewPost{BoardID: req.GetBoardId(), RequestID: req.GetRequestId(),
		Title: req.GetTitle(), Body: req.GetBody()})
	if err != nil {
		return nil, err
	}
	return postTo(v, reader(ctx)), nil
}

// GetPost returns a post or its tombstone.
func (s *Server) GetPost(ctx context.Context, req *boardv1.GetPostRequest) (*boardv1.Post, error) {
	lang, err := readerLanguage(ctx, req.GetLanguage())
	if err != nil {
		return nil, err
	}
	v, err := s.app.GetPost(ctx, req.GetPostId())
	if err != nil {
		return nil, err
	}
	return postTo(v, lang), nil
}

// ListPosts lists a board's posts.
func (s *Server) ListPosts(ctx context.Context, req *boardv1.ListPostsRequest) (*boardv1.ListPostsResponse, error) {
	lang, err := readerLanguage(ctx, req.GetLanguage())
	if err != nil {
		return nil, err
	}
	page, err := s.app.ListPosts(ctx, req.GetBoardId(), req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &boardv1.ListPostsResponse{NextPageToken: page.Next}
	for _, v := range page.Items {
		out.Posts = append(out.Posts, postTo(v, lang))
	}
	return out, nil
}

// EditPost changes the author's post.
func (s *Server) EditPost(ctx context.Context, req *boardv1.EditPostRequest) (*boardv1.EditPostResponse, error) {
	mask, err := fieldmask.Parse(req.GetUpdateMask(), req.GetPost(), app.Updatable[domain.KindPost]...)
	if err != nil {
		return nil, err
	}
	v, err := s.app.EditPost(ctx, app.Edit{ID: req.GetPostId(), Etag: req.GetEtag(), Mask: mask,
		Title: req.GetPost().GetTitle(), Body: req.GetPost().GetBody()})
	if err != nil {
		return nil, err
	}
	return &boardv1.EditPostResponse{Post: postTo(v, reader(ctx))}, nil
}

// WithdrawPost takes back the author's post.
func (s *Server) WithdrawPost(ctx context.Context, req *boardv1.WithdrawPostRequest) (*boardv1.WithdrawPostResponse, error) {
	v, err := s.app.WithdrawPost(ctx, req.GetPostId(), req.GetEtag())
	if err != nil {
		return nil, err
	}
	return &boardv1.WithdrawPostResponse{Post: postTo(v, reader(ctx))}, nil
}

// CreateComment comments on a post.
func (s *Server) CreateComment(ctx context.Context, req *boardv1.CreateCommentRequest) (*boardv1.Comment, error) {
	v, err := s.app.CreateComment(ctx, app.NewComment{PostID: req.GetPostId(), RequestID: req.GetRequestId(), Body: req.GetBody()})
	if err != nil {
		return nil, err
	}
	return commentTo(v, reader(ctx)), nil
}

// ListComments lists a post's comments.
func (s *Server) ListComments(ctx context.Context, req *boardv1.ListCommentsRequest) (*boardv1.ListCommentsResponse, error) {
	lang, err := readerLanguage(ctx, req.GetLanguage())
	if err != nil {
		return nil, err
	}
	page, err := s.app.ListComments(ctx, req.GetPostId(), req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &boardv1.ListCommentsResponse{NextPageToken: page.Next}
	for _, v := range page.Items {
		out.Comments = append(out.Comments, commentTo(v, lang))
	}
	return out, nil
}

// EditComment changes the author's comment.
func (s *Server) EditComment(ctx context.Context, req *boardv1.EditCommentRequest) (*boardv1.EditCommentResponse, error) {
	mask, err := fieldmask.Parse(req.GetUpdateMask(), req.GetComment(), app.Updatable[domain.KindComment]...)
	if err != nil {
		return nil, err
	}
	v, err := s.app.EditComment(ctx, app.Edit{ID: req.GetCommentId(), Etag: req.GetEtag(), Mask: mask,
		Body: req.GetComment().GetBody()})
	if err != nil {
		return nil, err
	}
	return &boardv1.EditCommentResponse{Comment: commentTo(v, reader(ctx))}, nil
}

// WithdrawComment takes back the author's comment.
func (s *Server) WithdrawComment(ctx context.Context, req *boardv1.WithdrawCommentRequest) (*boardv1.WithdrawCommentResponse, error) {
	v, err := s.app.WithdrawComment(ctx, req.GetCommentId(), req.GetEtag())
	if err != nil {
		return nil, err
	}
	return &boardv1.WithdrawCommentResponse{Comment: commentTo(v, reader(ctx))}, nil
}
