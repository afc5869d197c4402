// Package consumer runs durable, explicit-ack JetStream consumers whose
// effects happen exactly once. For each message the runner opens a
// transaction, records the event id in the inbox table and applies the
// handler's effect in the same transaction; a redelivered event finds its
// id already recorded and is acknowledged without a second effect. The ack
// is a double ack (AckSync), so the server confirmed it before we move on.
// A message that keeps failing is copied to the service's dead-letter
// subject after MaxDeliver attempts and terminated.
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
// goes straight to the dead-letter subject.
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
	Subjects   []string
	MaxDeliver int
	AckWait    time.Duration
	// Batch > 1 applies up to Batch events delivered together in one
	// transaction (batch.go); 0 or 1 applies each in its own.
	Batch int
}

// Runner consumes one durable.
type Runner struct {
	cfg     Config
	js      jetstream.JetStream
	pool    *pgxpool.Pool
	log     *slog.Logger
	handler Handler
}

// New returns a runner; call Run to start consuming.
func New(cfg Config, js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, h Handler) *Runner {
	if cfg.MaxDeliver == 0 {
		cfg.MaxDeliver = 8
	}
	if cfg.AckWait == 0 {
		cfg.AckWait = 30 * time.Second
	}
	return &Runner{cfg: cfg, js: js, pool: pool, log: log.With("consumer", cfg.Name), handler: h}
}

// Typed is New for a handler that takes the payload decoded as the
// protobuf message M; a payload that does not decode is bad input (and,
// like any failure that repeats, ends in the dead-letter stream).
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
		// One more than ours so our own counter decides the dead-lettering.
		MaxDeliver: r.cfg.MaxDeliver + 1, DeliverPolicy: jetstream.DeliverAllPolicy,
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
	err := r.apply(mctx, ev)
	if err == nil {
		if aerr := msg.DoubleAck(ctx); aerr != nil {
			// The effect is committed; a redelivery will be recognised.
			r.log.Warn("ack failed", "event_id", ev.ID, "err", aerr)
		}
		return
	}
	meta, _ := msg.Metadata()
	delivered := uint64(1)
	if meta != nil {
		delivered = meta.NumDelivered
	}
	if errs.Is(err, errs.KindInvalid) || int(delivered) >= r.cfg.MaxDeliver {
		r.deadLetter(ctx, msg, ev, err)
		return
	}
	metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "retry").Inc()
	r.log.Warn("event failed, will retry", "event_id", ev.ID, "subject", ev.Subject, "delivered", delivered, "err", err)
	_ = msg.NakWithDelay(backoff(delivered))
}

// apply runs the handler and records the event id in one transaction.
func (r *Runner) apply(ctx context.Context, ev Event) error {
	return pg.InTx(ctx, r.pool, func(tx pgx.Tx) error {
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
		metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "applied").Inc()
		return nil
	})
}

func (r *Runner) deadLetter(ctx context.Context, msg jetstream.Msg, ev Event, cause error) {
	dl := nats.NewMsg(messaging.DeadLetterSubject(r.cfg.Service, r.cfg.Name))
	dl.Data = msg.Data()
	for k, v := range msg.Headers() {
		dl.Header[k] = v
	}
	dl.Header.Set("Seoul-Original-Subject", ev.Subject)
	dl.Header.Set("Seoul-Error", cause.Error())
	if _, err := r.js.PublishMsg(ctx, dl, jetstream.WithMsgID("dlq-"+r.cfg.Name+"-"+ev.ID)); err != nil {
		r.log.Error("dead-lettering failed, will retry", "event_id", ev.ID, "err", err)
		_ = msg.NakWithDelay(5 * time.Second)
		return
	}
	metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "dead_letter").Inc()
	r.log.Error("event dead-lettered", "event_id", ev.ID, "subject", ev.Subject, "err", cause)
	_ = msg.Term()
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

func backoff(delivered uint64) time.Duration {
	d := 200 * time.Millisecond << min(delivered, 6)
	return min(d, 15*time.Second)
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
