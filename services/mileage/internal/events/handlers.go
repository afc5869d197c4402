package events

import (
	"context"

	"github.com/jackc/pgx/v5"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// board earns for posts and comments, claws back on removal (A5) and on
// the author's withdrawal, and gives back on restoration after an appeal.
func (h *handlers) board(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
	switch ev.Subject {
	case PostCreated:
		var m boardv1.PostCreated
		if err := ev.Decode(&m); err != nil {
			return err
		}
		return h.earn(ctx, tx, ev, domain.ActionPostCreated, m.GetAuthorSubject(), "post", m.GetPostId(), 0, m.GetOccurTime())
	case CommentCreated:
		var m boardv1.CommentCreated
		if err := ev.Decode(&m); err != nil {
			return err
		}
		return h.earn(ctx, tx, ev, domain.ActionCommentCreated, m.GetAuthorSubject(), "comment", m.GetCommentId(), 0, m.GetOccurTime())
	case PostRemoved:
		var m boardv1.PostRemoved
		if err := ev.Decode(&m); err != nil {
			return err
		}
		kind, err := targetKind(m.GetTargetType(), true)
		if err != nil {
			return err
		}
		return h.app(tx).ClawbackSource(ctx, kind, m.GetPostId(), m.GetGround())
	case PostWithdrawn:
		var m boardv1.PostWithdrawn
		if err := ev.Decode(&m); err != nil {
			return err
		}
		kind, err := targetKind(m.GetTargetType(), false)
		if err != nil {
			return err
		}
		return h.app(tx).ClawbackSource(ctx, kind, m.GetPostId(), app.GroundWithdrawn)
	case PostRestored:
		var m boardv1.PostRestored
		if err := ev.Decode(&m); err != nil {
			return err
		}
		kind, err := targetKind(m.GetTargetType(), true)
		if err != nil {
			return err
		}
		return h.app(tx).RestoreSource(ctx, kind, m.GetPostId(), ev.ID)
	}
	return ignore(ctx, tx, ev)
}

// targetKind is the board item an event is about: a post or a comment.
// Removal and restoration events published before target_type existed
// were about posts (emptyIsPost); a withdrawal always names it.
func targetKind(targetType string, emptyIsPost bool) (string, error) {
	if targetType == "" && emptyIsPost {
		return "post", nil
	}
	if targetType != "post" && targetType != "comment" {
		return "", errs.Invalid("target_type", "NOT_ONE_OF", "allowed", "post, comment")
	}
	return targetType, nil
}

// content earns for feedback on pages (A3.3).
func (h *handlers) content(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
	var m contentv1.FeedbackGiven
	if err := ev.Decode(&m); err != nil {
		return err
	}
	return h.earn(ctx, tx, ev, domain.ActionFeedbackGiven, m.GetSubjectId(), "feedback", m.GetFeedbackId(), 0, m.GetOccurTime())
}

// event earns for entries and mileage prizes of participation events.
func (h *handlers) event(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
	switch ev.Subject {
	case EntryCreated:
		var m eventv1.EntryCreated
		if err := ev.Decode(&m); err != nil {
			return err
		}
		return h.earn(ctx, tx, ev, domain.ActionEventEntry, m.GetSubjectId(), "entry", m.GetEntryId(), 0, m.GetOccurTime())
	case PrizeAwarded:
		var m eventv1.PrizeAwarded
		if err := ev.Decode(&m); err != nil {
			return err
		}
		if m.GetPoints() <= 0 {
			return nil // not a mileage prize
		}
		// Prize ids name a prize line within its event: qualify them.
		ref := m.GetEventId() + "/" + m.GetPrizeId()
		return h.earn(ctx, tx, ev, domain.ActionEventPrize, m.GetSubjectId(), "prize", ref, m.GetPoints(), m.GetOccurTime())
	}
	return ignore(ctx, tx, ev)
}

// petition earns when a citizen's complaint is answered.
func (h *handlers) petition(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
	var m petitionv1.ComplaintEvent
	if err := ev.Decode(&m); err != nil {
		return err
	}
	return h.earn(ctx, tx, ev, domain.ActionComplaintAnswered, m.GetCitizenSubject(), "complaint", m.GetComplaintId(), 0, m.GetOccurTime())
}

func (h *handlers) earn(ctx context.Context, tx pgx.Tx, ev consumer.Event, action, subject, kind, ref string,
	points int64, at *timestamppb.Timestamp) error {
	e := domain.Earning{Action: action, Subject: subject, SourceEventID: ev.ID, SourceKind: kind, SourceRef: ref,
		EventPoints: points, Memo: action + " " + ref}
	if at != nil {
		e.OccurredAt = at.AsTime()
	}
	_, err := h.app(tx).Earn(ctx, e)
	return err
}
