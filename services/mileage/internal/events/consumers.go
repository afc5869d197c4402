// Package events consumes the domain events that earn, claw back and give
// back points (A8.1, A5) through the platform's consumer runner: each
// event's effect and its inbox record commit in one transaction, so it
// applies exactly once. The privacy service's erasures come through its
// client's ErasureConsumer (server.go); the mileage service's own events
// go out through the outbox (encode.go).
package events

import (
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
)

// AppOver returns the use cases over a database: the consumers pass the
// inbox transaction (pg.Joined), so an effect commits with the event id.
type AppOver func(db pg.DB) *app.App

// Subjects consumed, by producing service.
const (
	PostCreated       = "seoul.board.post.created"
	CommentCreated    = "seoul.board.comment.created"
	PostRemoved       = "seoul.board.post.removed"
	PostWithdrawn     = "seoul.board.post.withdrawn"
	PostRestored      = "seoul.board.post.restored"
	FeedbackGiven     = "seoul.content.feedback.given"
	EntryCreated      = "seoul.event.entry.created"
	PrizeAwarded      = "seoul.event.prize.awarded"
	ComplaintAnswered = "seoul.petition.complaint.answered"
)

// AwardBatch is how many delivered events an award consumer applies in
// one transaction (issue 17): a backlog's awards are decided and written
// together, a statement per kind of row; a lone event is applied alone,
// as fast as before.
const AwardBatch = 128

// Runners returns one durable consumer per producing stream. Each waits
// for its stream, so the services start in any order.
func Runners(over AppOver, js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, ackWait time.Duration) map[string]*consumer.Runner {
	h := &handlers{over: over}
	mk := func(name, stream string, subjects []string, fn consumer.Handler) *consumer.Runner {
		return consumer.New(consumer.Config{Service: "mileage", Name: name, Stream: stream, Subjects: subjects,
			AckWait: ackWait, Batch: AwardBatch, ApplyBatch: h.batch(fn)}, js, pool, log, fn)
	}
	return map[string]*consumer.Runner{
		"awards-board":    mk("awards-board", "BOARD", []string{PostCreated, CommentCreated, PostRemoved, PostWithdrawn, PostRestored}, h.board),
		"awards-content":  mk("awards-content", "CONTENT", []string{FeedbackGiven}, h.earnOrIgnore),
		"awards-event":    mk("awards-event", "EVENT", []string{EntryCreated, PrizeAwarded}, h.earnOrIgnore),
		"awards-petition": mk("awards-petition", "PETITION", []string{ComplaintAnswered}, h.earnOrIgnore),
	}
}

type handlers struct {
	over AppOver
}

// app is the use cases inside the event's inbox transaction.
func (h *handlers) app(tx pgx.Tx) *app.App { return h.over(pg.Joined(tx)) }
