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
	return h.earnOrIgnore(ctx, tx, ev)
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

// earning decodes an event that earns points (A8.1): posts and comments
// (A5), feedback on pages (A3.3), entries and mileage prizes of
// participation events, answered complaints. ok is false for any other
// event.
func earning(ev consumer.Event) (e domain.Earning, ok bool, err error) {
	var at *timestamppb.Timestamp
	switch ev.Subject {
	case PostCreated:
		var m boardv1.PostCreated
		if err := ev.Decode(&m); err != nil {
			return e, true, err
		}
		e, at = domain.Earning{Action: domain.ActionPostCreated, Subject: m.GetAuthorSubject(), SourceKind: "post", SourceRef: m.GetPostId()}, m.GetOccurTime()
	case CommentCreated:
		var m boardv1.CommentCreated
		if err := ev.Decode(&m); err != nil {
			return e, true, err
		}
		e, at = domain.Earning{Action: domain.ActionCommentCreated, Subject: m.GetAuthorSubject(), SourceKind: "comment",
			SourceRef: m.GetCommentId()}, m.GetOccurTime()
	case FeedbackGiven:
		var m contentv1.FeedbackGiven
		if err := ev.Decode(&m); err != nil {
			return e, true, err
		}
		e, at = domain.Earning{Action: domain.ActionFeedbackGiven, Subject: m.GetSubjectId(), SourceKind: "feedback",
			SourceRef: m.GetFeedbackId()}, m.GetOccurTime()
	case EntryCreated:
		var m eventv1.EntryCreated
		if err := ev.Decode(&m); err != nil {
			return e, true, err
		}
		e, at = domain.Earning{Action: domain.ActionEventEntry, Subject: m.GetSubjectId(), SourceKind: "entry", SourceRef: m.GetEntryId()}, m.GetOccurTime()
	case PrizeAwarded:
		var m eventv1.PrizeAwarded
		if err := ev.Decode(&m); err != nil {
			return e, true, err
		}
		if m.GetPoints() <= 0 {
			return e, false, nil // not a mileage prize
		}
		// Prize ids name a prize line within its event: qualify them.
		e, at = domain.Earning{Action: domain.ActionEventPrize, Subject: m.GetSubjectId(), SourceKind: "prize",
			SourceRef: m.GetEventId() + "/" + m.GetPrizeId(), EventPoints: m.GetPoints()}, m.GetOccurTime()
	case ComplaintAnswered:
		var m petitionv1.ComplaintEvent
		if err := ev.Decode(&m); err != nil {
			return e, true, err
		}
		e, at = domain.Earning{Action: domain.ActionComplaintAnswered, Subject: m.GetCitizenSubject(), SourceKind: "complaint",
			SourceRef: m.GetComplaintId()}, m.GetOccurTime()
	default:
		return e, false, nil
	}
	e.SourceEventID, e.Memo = ev.ID, e.Action+" "+e.SourceRef
	if at != nil {
		e.OccurredAt = at.AsTime()
	}
	return e, true, nil
}

// earnOrIgnore applies an earning event alone and acknowledges any other.
func (h *handlers) earnOrIgnore(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
	e, ok, err := earning(ev)
	if !ok || err != nil {
		return err
	}
	_, err = h.app(tx).Earn(ctx, e)
	return err
}

// batch applies a batch in delivery order: each run of earning events is
// decided and written together (app.EarnAll), any other event goes through
// the consumer's own handler, so a removal after a post in the same batch
// still finds the post's award.
func (h *handlers) batch(single consumer.Handler) consumer.BatchHandler {
	return func(ctx context.Context, tx pgx.Tx, evs []consumer.Event) (int, error) {
		var run []domain.Earning
		var at []int // run's indexes in evs
		flush := func() (int, error) {
			if len(run) == 0 {
				return -1, nil
			}
			bad, err := h.app(tx).EarnAll(ctx, run)
			if err != nil && bad >= 0 {
				bad = at[bad]
			}
			run, at = run[:0], at[:0]
			return bad, err
		}
		for i, ev := range evs {
			e, ok, err := earning(ev)
			if err != nil {
				return i, err
			}
			if ok {
				run, at = append(run, e), append(at, i)
				continue
			}
			if bad, err := flush(); err != nil {
				return bad, err
			}
			if err := single(ctx, tx, ev); err != nil {
				return i, err
			}
		}
		return flush()
	}
}
