package outbox_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/platform/tracing"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

var noMigrations = fstest.MapFS{"00001_none.sql": {Data: []byte("-- +goose Up\nSELECT 1;\n")}}

type rig struct {
	pool *pgxpool.Pool
	nats *localinfra.NATS
	js   jetstream.JetStream
	log  *slog.Logger
}

func setup(t *testing.T) rig {
	t.Helper()
	pool := testinfra.Database(t, "outbox", func(ctx context.Context, url string) error {
		return pg.MigrateURL(ctx, url, noMigrations)
	})
	n := testinfra.FreshNATS(t)
	_, js := testinfra.JetStream(t, n)
	_, err := messaging.EnsureStream(context.Background(), js, "test", 1)
	require.NoError(t, err)
	return rig{pool: pool, nats: n, js: js, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func (r rig) add(t *testing.T, n int, commit bool) {
	t.Helper()
	ctx := context.Background()
	err := pg.InTx(ctx, r.pool, func(tx pgx.Tx) error {
		for i := range n {
			if _, err := outbox.Add(ctx, tx, "seoul.test.thing.done", wrapperspb.String(fmt.Sprint(i))); err != nil {
				return err
			}
		}
		if !commit {
			return fmt.Errorf("rollback on purpose")
		}
		return nil
	})
	if commit {
		require.NoError(t, err)
	}
}

func (r rig) streamCount(t *testing.T) uint64 {
	t.Helper()
	s, err := r.js.Stream(context.Background(), "TEST")
	require.NoError(t, err)
	info, err := s.Info(context.Background())
	require.NoError(t, err)
	return info.State.Msgs
}

func (r rig) unsent(t *testing.T) int {
	var n int
	require.NoError(t, r.pool.QueryRow(context.Background(), `SELECT count(*) FROM outbox WHERE sent_at IS NULL`).Scan(&n))
	return n
}

func runRelay(t *testing.T, r rig) context.CancelFunc {
	ctx, cancel := context.WithCancel(context.Background())
	relay := outbox.NewRelay(r.pool, r.js, r.log)
	done := make(chan struct{})
	go func() { _ = relay.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return cancel
}

func TestCommittedEventsArePublishedRolledBackAreNot(t *testing.T) {
	t.Parallel()
	r := setup(t)
	r.add(t, 3, false)
	r.add(t, 5, true)
	runRelay(t, r)
	servicetest.Eventually(t, "the committed events published", func() bool { return r.unsent(t) == 0 && r.streamCount(t) == 5 })
	// The relay publishes only what the outbox holds; the rolled-back
	// transaction left nothing there for a later round to find.
	require.Equal(t, 5, servicetest.Count(t, r.pool, `SELECT count(*) FROM outbox`), "rolled-back events never reach the outbox")
	require.EqualValues(t, 5, r.streamCount(t), "rolled-back events must never be published")
}

func TestPublishedWithEventIDAsMsgID(t *testing.T) {
	t.Parallel()
	r := setup(t)
	r.add(t, 1, true)
	var id string
	require.NoError(t, r.pool.QueryRow(context.Background(), `SELECT id::text FROM outbox`).Scan(&id))
	runRelay(t, r)
	servicetest.Eventually(t, "condition", func() bool { return r.streamCount(t) == 1 })
	s, err := r.js.Stream(context.Background(), "TEST")
	require.NoError(t, err)
	msg, err := s.GetMsg(context.Background(), 1)
	require.NoError(t, err)
	require.Equal(t, id, msg.Header.Get(jetstream.MsgIDHeader))
	require.Equal(t, "google.protobuf.StringValue", msg.Header.Get(messaging.HeaderEventType))
}

// Several replicas relaying the same outbox publish each event once.
func TestReplicasRelayEachEventOnce(t *testing.T) {
	t.Parallel()
	r := setup(t)
	r.add(t, 300, true)
	for range 3 {
		runRelay(t, r)
	}
	servicetest.Eventually(t, "condition", func() bool { return r.unsent(t) == 0 })
	require.EqualValues(t, 300, r.streamCount(t))
}

// Events written while NATS is down are kept and published once it is back.
func TestNothingLostWhileNATSIsDown(t *testing.T) {
	t.Parallel()
	r := setup(t)
	runRelay(t, r)
	r.nats.Stop()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); r.add(t, 25, true) }()
	}
	wg.Wait()
	// Each failed round records an attempt on the row it could not publish.
	// Two more after every row was committed: the first may have begun
	// before, the second claimed all 100 and failed.
	attempts := func() int { return servicetest.Count(t, r.pool, `SELECT coalesce(sum(attempts), 0) FROM outbox`) }
	before := attempts()
	servicetest.Eventually(t, "a relay round over every row, failed", func() bool { return attempts() >= before+2 })
	require.Equal(t, 100, r.unsent(t), "nothing may be marked sent while the stream is unreachable")
	require.NoError(t, r.nats.Start())
	servicetest.Eventually(t, "condition", func() bool { return r.unsent(t) == 0 })
	servicetest.Eventually(t, "condition", func() bool { return r.streamCount(t) == 100 })
}

// NATS crashing (SIGKILL) while the relay is publishing loses no event and
// stores none twice: what was acknowledged is on disk (sync-always), what
// was not is still unsent and published again under the same id.
func TestNATSKilledMidRelayLosesAndDoublesNothing(t *testing.T) {
	t.Parallel()
	r := setup(t)
	r.add(t, 200, true)
	runRelay(t, r)
	servicetest.Eventually(t, "relay under way", func() bool { return r.unsent(t) < 200 })
	r.nats.Kill()
	r.add(t, 100, true)
	require.NoError(t, r.nats.Start())
	servicetest.Eventually(t, "outbox drained", func() bool { return r.unsent(t) == 0 })
	servicetest.Eventually(t, "every event stored", func() bool { return r.streamCount(t) >= 300 })
	require.EqualValues(t, 300, r.streamCount(t), "each event exactly once")
}

// A relay that published but crashed before marking rows sent re-publishes
// the same ids; JetStream's de-duplication keeps one copy.
func TestRepublishAfterCrashIsDeduplicated(t *testing.T) {
	t.Parallel()
	r := setup(t)
	r.add(t, 10, true)
	cancel := runRelay(t, r)
	servicetest.Eventually(t, "condition", func() bool { return r.unsent(t) == 0 })
	cancel()
	_, err := r.pool.Exec(context.Background(), `UPDATE outbox SET sent_at = NULL`)
	require.NoError(t, err)
	runRelay(t, r)
	servicetest.Eventually(t, "condition", func() bool { return r.unsent(t) == 0 })
	require.EqualValues(t, 10, r.streamCount(t))
}

// The trace of the request that wrote an event travels in its headers, so
// a consumer in another service continues the same trace.
func TestTraceContextTravelsWithTheEvent(t *testing.T) {
	r := setup(t)
	stop, err := tracing.Setup(context.Background(), tracing.Config{SampleRatio: 1}, "outbox-test")
	require.NoError(t, err)
	t.Cleanup(func() { _ = stop(context.Background()) })
	ctx, span := otel.Tracer("test").Start(context.Background(), "request")
	require.NoError(t, pg.InTx(ctx, r.pool, func(tx pgx.Tx) error {
		_, err := outbox.Add(ctx, tx, "seoul.test.thing.done", wrapperspb.String("x"))
		return err
	}))
	span.End()
	runRelay(t, r)
	servicetest.Eventually(t, "condition", func() bool { return r.streamCount(t) == 1 })
	s, err := r.js.Stream(context.Background(), "TEST")
	require.NoError(t, err)
	msg, err := s.GetMsg(context.Background(), 1)
	require.NoError(t, err)
	require.Contains(t, msg.Header.Get("traceparent"), span.SpanContext().TraceID().String())
}

// The backlog is what waits to be published: how many events and how old
// the oldest is, zero once the relay has caught up.
func TestBacklogMeasuresWhatWaits(t *testing.T) {
	t.Parallel()
	r := setup(t)
	relay := outbox.NewRelay(r.pool, r.js, r.log)
	r.add(t, 5, true)
	_, err := r.pool.Exec(context.Background(), `UPDATE outbox SET created_at = now() - interval '90 seconds'`)
	require.NoError(t, err)
	b, err := relay.Backlog(context.Background())
	require.NoError(t, err)
	require.Equal(t, 5, b.Unsent)
	require.GreaterOrEqual(t, b.Oldest, 90*time.Second)
	n, err := relay.RelayOnce(context.Background())
	require.NoError(t, err)
	require.Equal(t, 5, n)
	b, err = relay.Backlog(context.Background())
	require.NoError(t, err)
	require.Equal(t, outbox.Backlog{}, b)
}

// A running relay reports its backlog on /metrics (outbox_unsent_events,
// outbox_oldest_unsent_age_seconds), which the outbox-lag alert reads:
// events piling up while NATS is down, none once it is back. Not parallel:
// the gauges are the process's.
func TestRelayReportsBacklogMetrics(t *testing.T) {
	r := setup(t)
	r.nats.Stop()
	r.add(t, 3, true)
	runRelay(t, r)
	servicetest.Eventually(t, "backlog reported", func() bool {
		return servicetest.Metric(t, "outbox_unsent_events") == 3 && servicetest.Metric(t, "outbox_oldest_unsent_age_seconds") > 0
	})
	require.NoError(t, r.nats.Start())
	servicetest.Eventually(t, "backlog drained", func() bool {
		return servicetest.Metric(t, "outbox_unsent_events") == 0 && servicetest.Metric(t, "outbox_oldest_unsent_age_seconds") == 0
	})
}
