// Package events maps the board service's domain events to the contracts
// of proto/seoul/board/v1/events.proto: encode is the only place that
// builds those messages, and Writer is what the store writes them to the
// outbox with, in the transaction of the change (the privacy service's
// erasures are consumed through its client's ErasureConsumer, server.go).
// Payloads carry opaque subject ids, never personal data.
package events

import (
	"fmt"

	"google.golang.org/protobuf/proto"
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

// Writer writes the service's domain events to the outbox.
var Writer = outbox.NewWriter(encode)

// encode maps a domain event to its subject and message. A removal,
// restoration or withdrawal names the item itself in post_id (so a
// comment's award can be clawed back too) and its post in parent_post_id.
func encode(e domain.Event) (string, proto.Message) {
	switch e := e.(type) {
	case domain.ItemPublished:
		at := timestamppb.New(e.At)
		if e.Kind == domain.KindComment {
			return SubjectCommentCreated, &boardv1.CommentCreated{CommentId: e.ItemID, PostId: e.PostID,
				BoardId: e.BoardID, AuthorSubject: e.AuthorSubject, OccurTime: at}
		}
		return SubjectPostCreated, &boardv1.PostCreated{PostId: e.ItemID, BoardId: e.BoardID,
			AuthorSubject: e.AuthorSubject, OccurTime: at}
	case domain.ItemRemoved:
		return SubjectPostRemoved, &boardv1.PostRemoved{PostId: e.ItemID, TargetId: e.ItemID,
			ParentPostId: parent(e.Kind, e.PostID), BoardId: e.BoardID, AuthorSubject: e.AuthorSubject,
			Ground: string(e.Ground), TargetType: string(e.Kind), DecisionId: e.DecisionID,
			DepartmentCode: e.DepartmentCode, OccurTime: timestamppb.New(e.At)}
	case domain.ItemRestored:
		return SubjectPostRestored, &boardv1.PostRestored{PostId: e.ItemID, TargetId: e.ItemID,
			ParentPostId: parent(e.Kind, e.PostID), BoardId: e.BoardID, AuthorSubject: e.AuthorSubject,
			TargetType: string(e.Kind), DecisionId: e.DecisionID, OverturnedDecisionId: e.OverturnedDecisionID,
			OverturnedGround: string(e.OverturnedGround), OccurTime: timestamppb.New(e.At)}
	case domain.ItemWithdrawn:
		return SubjectPostWithdrawn, &boardv1.PostWithdrawn{PostId: e.ItemID, TargetId: e.ItemID,
			ParentPostId: parent(e.Kind, e.PostID), BoardId: e.BoardID, AuthorSubject: e.AuthorSubject,
			TargetType: string(e.Kind), OccurTime: timestamppb.New(e.At)}
	case domain.ReportFiled:
		return SubjectReportFiled, &boardv1.ReportFiled{ReportId: e.ReportID, TargetType: string(e.Kind),
			TargetId: e.ItemID, Ground: string(e.Ground), OccurTime: timestamppb.New(e.At)}
	}
	panic(fmt.Sprintf("events: unknown domain event %T", e))
}

// parent is a comment's post; a post has none.
func parent(kind domain.Kind, postID string) string {
	if kind == domain.KindComment {
		return postID
	}
	return ""
}
