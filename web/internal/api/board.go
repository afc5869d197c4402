package api

import (
	"context"
	"net/http"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
)

// Calls of the board service (A3.1.4, A5): boards, posts, comments,
// reports, moderation and its public record.

// ListBoards lists the participation boards.
func (k *Caller) ListBoards(ctx context.Context) (*boardv1.ListBoardsResponse, error) {
	out := new(boardv1.ListBoardsResponse)
	return out, k.get(ctx, "/v1/boards", nil, out)
}

// GetBoard reads one board.
func (k *Caller) GetBoard(ctx context.Context, in *boardv1.GetBoardRequest) (*boardv1.Board, error) {
	out := new(boardv1.Board)
	return out, k.get(ctx, "/v1/boards/"+seg(in.GetBoardId()), in, out, "board_id")
}

// ListPosts lists a board's posts, tombstones in place of removed ones.
func (k *Caller) ListPosts(ctx context.Context, in *boardv1.ListPostsRequest) (*boardv1.ListPostsResponse, error) {
	out := new(boardv1.ListPostsResponse)
	return out, k.get(ctx, "/v1/boards/"+seg(in.GetBoardId())+"/posts", in, out, "board_id")
}

// CreatePost posts on a board.
func (k *Caller) CreatePost(ctx context.Context, in *boardv1.CreatePostRequest) (*boardv1.Post, error) {
	out := new(boardv1.Post)
	return out, k.send(ctx, http.MethodPost, "/v1/boards/"+seg(in.GetBoardId())+"/posts", in, out)
}

// GetPost reads a post (a tombstone for the public once removed).
func (k *Caller) GetPost(ctx context.Context, in *boardv1.GetPostRequest) (*boardv1.Post, error) {
	out := new(boardv1.Post)
	return out, k.get(ctx, "/v1/posts/"+seg(in.GetPostId()), in, out, "post_id")
}

// EditPost changes the fields of in.Post that in.UpdateMask names.
func (k *Caller) EditPost(ctx context.Context, in *boardv1.EditPostRequest) (*boardv1.EditPostResponse, error) {
	out := new(boardv1.EditPostResponse)
	return out, k.patch(ctx, "/v1/posts/"+seg(in.GetPostId()), nil, in.GetPost(), in.GetUpdateMask(), in.GetEtag(), out)
}

// WithdrawPost takes a post back (its author).
func (k *Caller) WithdrawPost(ctx context.Context, in *boardv1.WithdrawPostRequest) (*boardv1.WithdrawPostResponse, error) {
	out := new(boardv1.WithdrawPostResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/posts/"+seg(in.GetPostId())+":withdraw", in, out)
}

// ListComments lists a post's comments.
func (k *Caller) ListComments(ctx context.Context, in *boardv1.ListCommentsRequest) (*boardv1.ListCommentsResponse, error) {
	out := new(boardv1.ListCommentsResponse)
	return out, k.get(ctx, "/v1/posts/"+seg(in.GetPostId())+"/comments", in, out, "post_id")
}

// CreateComment comments on a post.
func (k *Caller) CreateComment(ctx context.Context, in *boardv1.CreateCommentRequest) (*boardv1.Comment, error) {
	out := new(boardv1.Comment)
	return out, k.send(ctx, http.MethodPost, "/v1/posts/"+seg(in.GetPostId())+"/comments", in, out)
}

// WithdrawComment takes a comment back (its author).
func (k *Caller) WithdrawComment(ctx context.Context, in *boardv1.WithdrawCommentRequest) (*boardv1.WithdrawCommentResponse, error) {
	out := new(boardv1.WithdrawCommentResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/comments/"+seg(in.GetCommentId())+":withdraw", in, out)
}

// FileReport reports a post or comment under a ground of Article 5.
func (k *Caller) FileReport(ctx context.Context, in *boardv1.FileReportRequest) (*boardv1.FileReportResponse, error) {
	out := new(boardv1.FileReportResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/reports", in, out)
}

// ListModerationQueue is the moderators' queue with screening evidence.
func (k *Caller) ListModerationQueueItems(ctx context.Context, in *boardv1.ListModerationQueueItemsRequest) (*boardv1.ListModerationQueueItemsResponse, error) {
	out := new(boardv1.ListModerationQueueItemsResponse)
	return out, k.get(ctx, "/v1/moderation/queue", in, out)
}

// DecideModeration keeps, hides or removes an item with a statement of
// reasons.
func (k *Caller) DecideModeration(ctx context.Context, in *boardv1.DecideModerationRequest) (*boardv1.DecideModerationResponse, error) {
	out := new(boardv1.DecideModerationResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/moderation/decisions", in, out)
}

// FileAppeal appeals a removal (its author).
func (k *Caller) FileAppeal(ctx context.Context, in *boardv1.FileAppealRequest) (*boardv1.FileAppealResponse, error) {
	out := new(boardv1.FileAppealResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/moderation/decisions/"+seg(in.GetDecisionId())+"/appeals", in, out)
}

// ListAppeals lists appeals, pending first (moderators).
func (k *Caller) ListAppeals(ctx context.Context, in *boardv1.ListAppealsRequest) (*boardv1.ListAppealsResponse, error) {
	out := new(boardv1.ListAppealsResponse)
	return out, k.get(ctx, "/v1/moderation/appeals", in, out)
}

// DecideAppeal upholds or reverses a removal (a moderator other than the
// one who removed).
func (k *Caller) DecideAppeal(ctx context.Context, in *boardv1.DecideAppealRequest) (*boardv1.DecideAppealResponse, error) {
	out := new(boardv1.DecideAppealResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/moderation/appeals/"+seg(in.GetAppealId())+":decide", in, out)
}

// ListModerationLog is the public record of decisions (A5.0).
func (k *Caller) ListModerationDecisions(ctx context.Context, in *boardv1.ListModerationDecisionsRequest) (*boardv1.ListModerationDecisionsResponse, error) {
	out := new(boardv1.ListModerationDecisionsResponse)
	return out, k.get(ctx, "/v1/moderation/log", in, out)
}

// GetTransparencyReport summarises a period's moderation (A5.0).
func (k *Caller) GetTransparencyReport(ctx context.Context, in *boardv1.GetTransparencyReportRequest) (*boardv1.TransparencyReport, error) {
	out := new(boardv1.TransparencyReport)
	return out, k.get(ctx, "/v1/moderation/transparency-report", in, out)
}
