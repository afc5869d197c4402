// Package events publishes the board service's domain events through the
// transactional outbox (the privacy service's erasures are consumed through
// its client's ErasureConsumer, server.go). Payloads carry opaque subject ids, never personal data.
package events

import (
	"context"

	"github.com/jackc/pgx/v5"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// Subjects published on stream BOARD.
const (
	SubjectPostCreated    = "seoul.board.post.created"
	SubjectCommentCreated = "seoul.board.comment.created"
	SubjectPostRemoved    = "seoul.board.post.removed"
	SubjectPostRestored   = "seoul.board.post.restored"
	SubjectReportFiled    = "seoul.board.report.filed"
	SubjectPostWithdrawn  = "seoul.board.post.withdrawn"
)

// Outbox writes events into the outbox of one transaction.
type Outbox struct{ Tx pgx.Tx }

// ItemPublished announces a post or comment that became public (at once,
// or when a moderator keeps it on a pre-moderated board).
func (o Outbox) ItemPublished(ctx context.Context, it domain.Item) error {
	at := timestamppb.New(it.UpdatedAt)
	if it.Kind == domain.KindComment {
		_, err := outbox.Add(ctx, o.Tx, SubjectCommentCreated, &boardv1.CommentCreated{
			CommentId: it.ID, PostId: it.PostID, BoardId: it.BoardID, AuthorSubject: it.AuthorSubject, OccurTime: at})
		return err
	}
	_, err := outbox.Add(ctx, o.Tx, SubjectPostCreated, &boardv1.PostCreated{
		PostId: it.ID, BoardId: it.BoardID, AuthorSubject: it.AuthorSubject, OccurTime: at})
	return err
}

// ItemRemoved announces a removal under a ground (A5); post_id is the
// removed item's own id, so a comment's award can be clawed back too.
func (o Outbox) ItemRemoved(ctx context.Context, it domain.Item, d domain.Decision) error {
	_, err := outbox.Add(ctx, o.Tx, SubjectPostRemoved, &boardv1.PostRemoved{
		PostId: it.ID, TargetId: it.ID, ParentPostId: parent(it), BoardId: it.BoardID,
		AuthorSubject: it.AuthorSubject, Ground: string(d.Ground), TargetType: string(it.Kind),
		DecisionId: d.ID, DepartmentCode: d.DepartmentCode, OccurTime: timestamppb.New(d.DecidedAt)})
	return err
}

// ItemRestored announces a reversal on appeal of the removal it overturns.
func (o Outbox) ItemRestored(ctx context.Context, it domain.Item, d, overturned domain.Decision) error {
	_, err := outbox.Add(ctx, o.Tx, SubjectPostRestored, &boardv1.PostRestored{
		PostId: it.ID, TargetId: it.ID, ParentPostId: parent(it), BoardId: it.BoardID,
		AuthorSubject: it.AuthorSubject, TargetType: string(it.Kind), DecisionId: d.ID,
		OverturnedDecisionId: overturned.ID, OverturnedGround: string(overturned.Ground),
		OccurTime: timestamppb.New(d.DecidedAt)})
	return err
}

// ItemWithdrawn announces that the author took back a published item, so
// its award is clawed back like a removal's.
func (o Outbox) ItemWithdrawn(ctx context.Context, it domain.Item) error {
	_, err := outbox.Add(ctx, o.Tx, SubjectPostWithdrawn, &boardv1.PostWithdrawn{
		PostId: it.ID, TargetId: it.ID, ParentPostId: parent(it), BoardId: it.BoardID,
		AuthorSubject: it.AuthorSubject, TargetType: string(it.Kind), OccurTime: timestamppb.New(it.UpdatedAt)})
	return err
}

// ReportFiled announces a first report of an item by a person (the
// reporter is not named).
func (o Outbox) ReportFiled(ctx context.Context, r domain.Report, it domain.Item) error {
	_, err := outbox.Add(ctx, o.Tx, SubjectReportFiled, &boardv1.ReportFiled{
		ReportId: r.ID, TargetType: string(it.Kind), TargetId: it.ID, Ground: string(r.Ground),
		OccurTime: timestamppb.New(r.CreatedAt)})
	return err
}

func parent(it domain.Item) string {
	if it.Kind == domain.KindComment {
		return it.PostID
	}
	return ""
}
