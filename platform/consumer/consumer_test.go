package consumer_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/platform/tracing"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// effects records every applied effect, deliberately without a unique
// constraint: duplicates would show up as extra rows.
var migrations = fstest.MapFS{"00001_effects.sql": {Data: []byte(
	"-- +goose Up\nCREATE TABLE effects (n serial PRIMARY KEY, value text NOT NULL);\n")}}

type rig struct {
	pool *pgxpool.Pool
	js   jetstream.JetStream
	log  *slog.Logger
}

func setup(t *testing.T) rig {
	t.Helper()
	pool := testinfra.Database(t, "consumer", func(ctx context.Context, url string) error {
		return pg.MigrateURL(ctx, url, migrations)
	})
	_, js := testinfra.JetStream(t, testinfra.FreshNATS(t))
	ctx := context.Background()
	_, err := messaging.EnsureStream(ctx, js, "producer", 1)
	require.NoError(t, err)
	_, err = messaging.EnsureDeadLetterStream(ctx, js, "test", 1)
	require.NoError(t, err)
	return rig{pool: pool, js: js, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func (r rig) publish(t *testing.T, id, value string) {
	t.Helper()
	data, err := proto.Marshal(wrapperspb.String(value))
	require.NoError(t, err)
	msg := nats.NewMsg("seoul.producer.thing.done")
	msg.Data = data
	_, err = r.js.PublishMsg(context.Background(), msg, jetstream.WithMsgID(id))
	require.NoError(t, err)
}

func record(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
	var v wrapperspb.StringValue
	if err := ev.Decode(&v); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO effects (value) VALUES ($1)`, v.Value)
	return err
}

func (r rig) run(t *testing.T, h consumer.Handler, maxDeliver int) context.CancelFunc {
	return r.start(t, r.runner(h, maxDeliver))
}

func (r rig) runner(h consumer.Handler, maxDeliver int) *consumer.Runner {
	return consumer.New(consumer.Config{Service: "test", Name: "effects", Stream: "PRODUCER",
		Subjects: []string{"seoul.producer.>"}, MaxDeliver: maxDeliver, AckWait: 2 * time.Second}, r.js, r.pool, r.log, h)
}

func (r rig) dlq(t *testing.T) jetstream.Stream {
	t.Helper()
	dlq, err := r.js.Stream(context.Background(), "TEST_DLQ")
	require.NoError(t, err)
	return dlq
}

func (r rig) start(t *testing.T, c *consumer.Runner) context.CancelFunc {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = c.Run(ctx); close(done) }()
	stop := func() { cancel(); <-done }
	t.Cleanup(stop)
	return stop
}

// handled waits until the consumer acknowledged every event in the stream
// (its ack floor reached the stream's last sequence). It acknowledges an
// event only once the effect, or the finding that it was applied before,
// is committed, and nothing is left to redeliver: what effects holds then
// is final, so a test can assert that no second effect came without
// sleeping for one.
func (r rig) handled(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	var floor, last uint64
	servicetest.Eventually(t, servicetest.Detail(func() string {
		return fmt.Sprintf("every event acknowledged (ack floor %d of %d)", floor, last)
	}), func() bool {
		stream, err := r.js.Stream(ctx, "PRODUCER")
		require.NoError(t, err)
		info, err := stream.Info(ctx)
		require.NoError(t, err)
		last = info.State.LastSeq
		cons, err := stream.Consumer(ctx, "test-effects")
		if err != nil {
			return false // not created yet
		}
		ci, err := cons.Info(ctx)
		require.NoError(t, err)
		floor = ci.AckFloor.Stream
		return floor >= last
	})
}

func (r rig) effects(t *testing.T) int {
	var n int
	require.NoError(t, r.pool.QueryRow(context.Background(), `SELECT count(*) FROM effects`).Scan(&n))
	return n
}

// A replay (the durable consumer recreated, so the stream is delivered from
// the start again, as after restoring a backup) has no second effect.
func TestReplayedEventsApplyOnce(t *testing.T) {
	t.Parallel()
	r := setup(t)
	stop := r.run(t, record, 5)
	r.publish(t, "e-1", "a")
	r.publish(t, "e-2", "b")
	servicetest.Eventually(t, "condition", func() bool { return r.effects(t) == 2 })
	stop()
	require.NoError(t, r.js.DeleteConsumer(context.Background(), "PRODUCER", "test-effects"))
	r.run(t, record, 5)
	r.publish(t, "e-3", "c")
	r.handled(t)
	require.Equal(t, 3, r.effects(t), "the replayed e-1 and e-2 had no second effect")
}

// A failing handler rolls its effect back and the event is retried until
// it succeeds: the effect still happens exactly once.
func TestFailedAttemptsLeaveNoEffect(t *testing.T) {
	t.Parallel()
	r := setup(t)
	var calls atomic.Int32
	r.run(t, func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		if err := record(ctx, tx, ev); err != nil {
			return err
		}
		if calls.Add(1) < 3 {
			return errors.New("transient failure after writing")
		}
		return nil
	}, 8)
	r.publish(t, "e-1", "a")
	r.handled(t)
	require.GreaterOrEqual(t, calls.Load(), int32(3), "two failed attempts, then the one that commits")
	require.Equal(t, 1, r.effects(t), "the failed attempts' writes were rolled back")
}

// A consumer stopped mid-stream and restarted applies every event exactly once.
func TestRestartMidStreamAppliesEachOnce(t *testing.T) {
	t.Parallel()
	r := setup(t)
	for i := range 200 {
		r.publish(t, fmt.Sprint("e-", i), fmt.Sprint(i))
	}
	stop := r.run(t, record, 5)
	servicetest.Eventually(t, "condition", func() bool { return r.effects(t) > 20 })
	stop()
	r.run(t, record, 5)
	r.handled(t)
	var distinct, total int
	require.NoError(t, r.pool.QueryRow(context.Background(),
		`SELECT count(DISTINCT value), count(*) FROM effects`).Scan(&distinct, &total))
	require.Equal(t, 200, distinct)
	require.Equal(t, 200, total)
}

// A poison message goes to the dead-letter subject after the bounded number
// of deliveries and stops blocking the others.
func TestPoisonMessageIsDeadLettered(t *testing.T) {
	t.Parallel()
	r := setup(t)
	r.run(t, func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		var v wrapperspb.StringValue
		_ = ev.Decode(&v)
		if v.Value == "poison" {
			return errors.New("cannot handle")
		}
		return record(ctx, tx, ev)
	}, 3)
	r.publish(t, "bad", "poison")
	r.publish(t, "good", "fine")
	servicetest.Eventually(t, "condition", func() bool { return r.effects(t) == 1 })
	dlq, err := r.js.Stream(context.Background(), "TEST_DLQ")
	require.NoError(t, err)
	servicetest.Eventually(t, "condition", func() bool {
		info, err := dlq.Info(context.Background())
		return err == nil && info.State.Msgs == 1
	})
	m, err := dlq.GetMsg(context.Background(), 1)
	require.NoError(t, err)
	require.Equal(t, "seoul.producer.thing.done", m.Header.Get(consumer.HeaderOriginalSubject))
	require.Equal(t, "bad", m.Header.Get(consumer.HeaderEventID))
	require.Equal(t, "effects", m.Header.Get(consumer.HeaderConsumer))
	require.Equal(t, "3", m.Header.Get(consumer.HeaderFailures))
	require.Contains(t, m.Header.Get(consumer.HeaderError), "cannot handle")
}

// Infrastructure trouble is never poison (issue 22: an outage longer than
// the retries dead-lettered every event in flight): an event whose handler
// meets an unavailable dependency more times than MaxDeliver is retried
// until it succeeds, once, and nothing is dead-lettered.
func TestOutageIsRetriedNotDeadLettered(t *testing.T) {
	t.Parallel()
	r := setup(t)
	outage := []error{
		status.Error(codes.Unavailable, "privacy service down"),
		fmt.Errorf("insert: %w", &pgconn.PgError{Code: "57P01", Message: "terminating connection"}),
		errs.E(errs.KindUnavailable, "database unavailable"),
		fmt.Errorf("read: %w", io.ErrUnexpectedEOF),
	}
	var calls atomic.Int32
	r.run(t, func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		if n := int(calls.Add(1)); n <= len(outage) {
			return outage[n-1]
		}
		return record(ctx, tx, ev)
	}, 2)
	r.publish(t, "during-outage", "a")
	servicetest.Eventually(t, "applied after the outage", func() bool { return r.effects(t) == 1 })
	require.EqualValues(t, len(outage)+1, calls.Load())
	info, err := r.dlq(t).Info(context.Background())
	require.NoError(t, err)
	require.Zero(t, info.State.Msgs, "nothing dead-lettered for an outage")
}

// A dead letter replayed through its consumer applies once: a second
// replay (or a redelivery) finds the event in the inbox.
func TestReplayAppliesDeadLetterOnce(t *testing.T) {
	t.Parallel()
	r := setup(t)
	var fixed atomic.Bool
	c := r.runner(func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		if !fixed.Load() {
			return errs.Invalid("value", "not handled yet")
		}
		return record(ctx, tx, ev)
	}, 3)
	r.start(t, c)
	r.publish(t, "parked", "a")
	var m *jetstream.RawStreamMsg
	servicetest.Eventually(t, "dead-lettered", func() bool {
		var err error
		m, err = r.dlq(t).GetMsg(context.Background(), 1)
		return err == nil
	})
	ev := consumer.Event{ID: m.Header.Get(consumer.HeaderEventID), Subject: m.Header.Get(consumer.HeaderOriginalSubject),
		Data: m.Data, Header: m.Header}
	_, err := c.Replay(context.Background(), ev)
	require.True(t, errs.Is(err, errs.KindInvalid), "still failing: %v", err)
	require.Zero(t, r.effects(t))

	fixed.Store(true)
	applied, err := c.Replay(context.Background(), ev)
	require.NoError(t, err)
	require.True(t, applied)
	applied, err = c.Replay(context.Background(), ev)
	require.NoError(t, err)
	require.False(t, applied, "the inbox guard stops a second replay")
	require.Equal(t, 1, r.effects(t))
}

// An undecodable payload is permanent: dead-lettered at once.
func TestInvalidPayloadDeadLettersAtOnce(t *testing.T) {
	t.Parallel()
	r := setup(t)
	var calls atomic.Int32
	r.run(t, func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		calls.Add(1)
		return errs.Invalid("payload", "garbage")
	}, 5)
	r.publish(t, "x", "whatever")
	dlq, err := r.js.Stream(context.Background(), "TEST_DLQ")
	require.NoError(t, err)
	servicetest.Eventually(t, "condition", func() bool {
		info, err := dlq.Info(context.Background())
		return err == nil && info.State.Msgs == 1
	})
	require.EqualValues(t, 1, calls.Load())
}

// The handler runs inside the trace of the request that published the
// event (trace context from the message headers).
func TestHandlerContinuesThePublishersTrace(t *testing.T) {
	r := setup(t)
	stop, err := tracing.Setup(context.Background(), tracing.Config{SampleRatio: 1}, "consumer-test")
	require.NoError(t, err)
	t.Cleanup(func() { _ = stop(context.Background()) })
	ctx, span := otel.Tracer("test").Start(context.Background(), "request")
	span.End()
	msg := nats.NewMsg("seoul.producer.thing.done")
	msg.Data, _ = proto.Marshal(wrapperspb.String("traced"))
	otel.GetTextMapPropagator().Inject(ctx, messaging.HeaderCarrier(msg.Header))
	_, err = r.js.PublishMsg(context.Background(), msg, jetstream.WithMsgID("traced-1"))
	require.NoError(t, err)
	got := make(chan string, 1)
	r.run(t, func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		got <- trace.SpanContextFromContext(ctx).TraceID().String()
		return nil
	}, 3)
	select {
	case id := <-got:
		require.Equal(t, span.SpanContext().TraceID().String(), id)
	case <-time.After(30 * time.Second):
		t.Fatal("event not consumed")
	}
}

// Typed hands the handler the decoded payload; bytes that are not the
// message type never reach it and are dead-lettered at once.
func TestTypedDecodesOrDeadLetters(t *testing.T) {
	t.Parallel()
	r := setup(t)
	var calls atomic.Int32
	c := consumer.Typed(consumer.Config{Service: "test", Name: "typed", Stream: "PRODUCER",
		Subjects: []string{"seoul.producer.>"}, MaxDeliver: 5, AckWait: 2 * time.Second}, r.js, r.pool, r.log,
		func(ctx context.Context, tx pgx.Tx, m *wrapperspb.StringValue) error {
			calls.Add(1)
			_, err := tx.Exec(ctx, `INSERT INTO effects (value) VALUES ($1)`, m.GetValue())
			return err
		})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = c.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })

	r.publish(t, "t-1", "공지")
	bad := nats.NewMsg("seoul.producer.thing.done")
	bad.Data = []byte{0xff, 0xff, 0xff}
	_, err := r.js.PublishMsg(context.Background(), bad, jetstream.WithMsgID("t-bad"))
	require.NoError(t, err)

	dlq, err := r.js.Stream(context.Background(), "TEST_DLQ")
	require.NoError(t, err)
	servicetest.Eventually(t, "bad payload dead-lettered", func() bool {
		info, err := dlq.Info(context.Background())
		return err == nil && info.State.Msgs == 1
	})
	var value string
	require.NoError(t, r.pool.QueryRow(context.Background(), `SELECT value FROM effects`).Scan(&value))
	require.Equal(t, "공지", value)
	require.EqualValues(t, 1, calls.Load(), "the handler saw only the decodable event")
}
