// Package consumer runs durable, explicit-ack JetStream consumers whose
// effects happen exactly once. For each message the runner opens a
// transaction, records the event id in the inbox table and applies the
// handler's effect in the same transaction; a redelivered event finds its
// id already recorded and is acknowledged without a second effect. The ack
// is a double ack (AckSync), so the server confirmed it before we move on.
//
// Failures are of two sorts. Infrastructure trouble (the database or
// another service unavailable, timeouts, conflicts, NATS trouble) says
// nothing about the event: it is retried with capped backoff for as long
// as it lasts and never dead-lettered. Only poison — a payload that does
// not decode, an event the handler calls permanently invalid (KindInvalid),
// or any other handler error repeated MaxDeliver times — is copied to the
// service's dead-letter subject with its error and terminated. Dead letters
// can be listed, inspected and replayed (Replay, package deadletter); a
// replay goes through the same inbox guard, so it applies at most once.
package consumer

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/protobuf/proto"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/logging"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/metrics"
	"github.com/seoul-gov/homepage/platform/pg"
)

// Event is one delivered domain event.
type Event struct {
	ID      string
	Subject string
	Type    string
	Data    []byte
	Header  nats.Header
}

// Decode unmarshals the payload into m.
func (e Event) Decode(m proto.Message) error {
	if err := proto.Unmarshal(e.Data, m); err != nil {
		return errs.Wrap(errs.KindInvalid, err, "UNDECODABLE_EVENT")
	}
	return nil
}

// Handler applies an event's effect inside tx. Returning an error rolls the
// effect back and redelivers; an error of kind Invalid is permanent and
// goes straight to the dead-letter subject; an infrastructure error (see
// Transient) is retried for as long as it lasts.
type Handler func(ctx context.Context, tx pgx.Tx, ev Event) error

// Config describes one durable consumer.
type Config struct {
	// Service is the consuming service (owner of the durable and its DLQ).
	Service string
	// Name is the durable name, unique per service, e.g. "awards-board".
	Name string
	// Stream is the producing service's stream, e.g. "BOARD".
	Stream string
	// Subjects filters the stream.
	Subjects []string
	// MaxDeliver is how many times a handler error that is not
	// infrastructure may repeat before the event is dead-lettered (8).
	MaxDeliver int
	AckWait    time.Duration
	// Batch > 1 applies up to Batch events delivered together in one
	// transaction (batch.go); 0 or 1 applies each in its own.
	Batch int
	// ApplyBatch, in batch mode, applies the batch's new events together
	// (e.g. with multi-row statements) instead of calling the handler for
	// each in turn; the handler still applies an event retried alone.
	ApplyBatch BatchHandler
}

// BatchHandler applies events, in delivery order, inside tx. When one
// event's own effect fails it returns that event's index with the error,
// so the event can be isolated; -1 blames the batch as a whole.
type BatchHandler func(ctx context.Context, tx pgx.Tx, evs []Event) (bad int, err error)

// Runner consumes one durable.
type Runner struct {
	cfg     Config
	js      jetstream.JetStream
	pool    *pgxpool.Pool
	log     *slog.Logger
	handler Handler
	// failures counts, per event id, handler errors that are not
	// infrastructure. Only the Run goroutine touches it. In memory on
	// purpose: a restart forgets the count and merely allows a few more
	// attempts, and it must work while the database is down.
	failures map[string]int
}

// New returns a runner; call Run to start consuming.
func New(cfg Config, js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, h Handler) *Runner {
	if cfg.MaxDeliver == 0 {
		cfg.MaxDeliver = 8
	}
	if cfg.AckWait == 0 {
		cfg.AckWait = 30 * time.Second
	}
	return &Runner{cfg: cfg, js: js, pool: pool, log: log.With("consumer", cfg.Name), handler: h,
		failures: map[string]int{}}
}

// Name is the consumer's name within its service.
func (r *Runner) Name() string { return r.cfg.Name }

// Typed is New for a handler that takes the payload decoded as the
// protobuf message M; a payload that does not decode is poison and goes to
// the dead-letter stream at once.
func Typed[M any, PM interface {
	*M
	proto.Message
}](cfg Config, js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, handle func(ctx context.Context, tx pgx.Tx, m PM) error) *Runner {
	return New(cfg, js, pool, log, func(ctx context.Context, tx pgx.Tx, ev Event) error {
		m := PM(new(M))
		if err := ev.Decode(m); err != nil {
			return err
		}
		return handle(context.WithValue(ctx, eventKey{}, ev), tx, m)
	})
}

type eventKey struct{}

// EventFrom returns the delivered event a Typed handler is running for
// (its id and subject, e.g. to key effects by event id).
func EventFrom(ctx context.Context) (Event, bool) {
	ev, ok := ctx.Value(eventKey{}).(Event)
	return ev, ok
}

// Run consumes until ctx ends. It waits for the producer's stream to exist,
// so services can start in any order.
func (r *Runner) Run(ctx context.Context) error {
	cons, err := r.durable(ctx)
	if err != nil {
		return err
	}
	if r.cfg.Batch > 1 {
		return r.runBatched(ctx, cons)
	}
	var lastLag time.Time
	for ctx.Err() == nil {
		lastLag = r.reportLag(ctx, cons, lastLag)
		batch, err := cons.Fetch(32, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			if ctx.Err() == nil {
				r.log.Debug("fetch failed", "err", err)
				sleep(ctx, 500*time.Millisecond)
			}
			continue
		}
		for msg := range batch.Messages() {
			r.process(ctx, msg)
		}
	}
	return nil
}

func (r *Runner) durable(ctx context.Context) (jetstream.Consumer, error) {
	cc := jetstream.ConsumerConfig{
		Durable: r.cfg.Service + "-" + r.cfg.Name, FilterSubjects: r.cfg.Subjects,
		AckPolicy: jetstream.AckExplicitPolicy, AckWait: r.cfg.AckWait,
		// Unlimited: an outage may take any number of deliveries; our own
		// count of poison failures decides the dead-lettering.
		MaxDeliver: -1, DeliverPolicy: jetstream.DeliverAllPolicy,
		MaxAckPending: 256,
	}
	for {
		cons, err := r.js.CreateOrUpdateConsumer(ctx, r.cfg.Stream, cc)
		if err == nil {
			return cons, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		r.log.Info("waiting for stream", "stream", r.cfg.Stream, "err", err)
		sleep(ctx, time.Second)
	}
}

// process applies one message exactly once, or schedules its redelivery.
func (r *Runner) process(ctx context.Context, msg jetstream.Msg) {
	ev := toEvent(msg)
	mctx := otel.GetTextMapPropagator().Extract(ctx, messaging.HeaderCarrier(msg.Headers()))
	mctx = logging.WithRequestID(mctx, msg.Headers().Get(messaging.HeaderRequestID))
	// The consumer's span continues the trace of the request that caused
	// the event, across services.
	mctx, span := otel.Tracer("seoul/consumer").Start(mctx, "consume "+ev.Subject,
		trace.WithSpanKind(trace.SpanKindConsumer))
	defer span.End()
	_, err := r.apply(mctx, ev)
	if err == nil {
		delete(r.failures, ev.ID)
		if aerr := msg.DoubleAck(ctx); aerr != nil {
			// The effect is committed; a redelivery will be recognised.
			r.log.Warn("ack failed", "event_id", ev.ID, "err", aerr)
		}
		return
	}
	r.failed(ctx, msg, ev, err)
}

// failed decides what a failure means: retry later (infrastructure, or a
// handler error not yet repeated MaxDeliver times) or dead letter (poison).
func (r *Runner) failed(ctx context.Context, msg jetstream.Msg, ev Event, err error) {
	if ctx.Err() != nil {
		_ = msg.Nak() // shutting down: whoever consumes next retries it
		return
	}
	if Transient(err) {
		delivered := uint64(1)
		if meta, _ := msg.Metadata(); meta != nil {
			delivered = meta.NumDelivered
		}
		metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "retry").Inc()
		r.log.Warn("event waits for infrastructure, will retry", "event_id", ev.ID, "subject", ev.Subject,
			"delivered", delivered, "err", err)
		_ = msg.NakWithDelay(backoff(delivered))
		return
	}
	if len(r.failures) > maxTracked {
		clear(r.failures) // bounded memory; costs a few extra attempts at most
	}
	r.failures[ev.ID]++
	n := r.failures[ev.ID]
	if errs.Is(err, errs.KindInvalid) || n >= r.cfg.MaxDeliver {
		if r.deadLetter(ctx, msg, ev, err, n) {
			delete(r.failures, ev.ID)
		}
		return
	}
	metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "retry").Inc()
	r.log.Warn("event failed, will retry", "event_id", ev.ID, "subject", ev.Subject, "failures", n, "err", err)
	_ = msg.NakWithDelay(backoff(uint64(n)))
}

// maxTracked bounds the failure counts kept in memory.
const maxTracked = 10000

// apply runs the handler and records the event id in one transaction. It
// reports false, without a second effect, for an event already applied.
func (r *Runner) apply(ctx context.Context, ev Event) (applied bool, err error) {
	err = pg.InTx(ctx, r.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO inbox (consumer, event_id, subject) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, r.cfg.Name, ev.ID, ev.Subject)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "duplicate").Inc()
			return nil // already applied: acknowledge without a second effect
		}
		if err := r.handler(ctx, tx, ev); err != nil {
			return err
		}
		applied = true
		return nil
	})
	if err != nil {
		return false, err
	}
	if applied {
		metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "applied").Inc()
	}
	return applied, nil
}

func toEvent(msg jetstream.Msg) Event {
	h := msg.Headers()
	id := h.Get(jetstream.MsgIDHeader)
	if id == "" {
		// Not from an outbox: fall back to the stream position, unique per stream.
		if meta, err := msg.Metadata(); err == nil {
			id = fmt.Sprintf("%s#%d", meta.Stream, meta.Sequence.Stream)
		}
	}
	return Event{ID: id, Subject: msg.Subject(), Type: h.Get(messaging.HeaderEventType), Data: msg.Data(), Header: h}
}

// backoff grows from 400 ms and is capped, so an outage of any length is
// retried every few seconds and the service catches up soon after it.
func backoff(delivered uint64) time.Duration {
	d := 200 * time.Millisecond << min(delivered, 6)
	return min(d, maxBackoff)
}

const maxBackoff = 10 * time.Second

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
