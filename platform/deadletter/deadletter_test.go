package deadletter_test

import (
	"bytes"
	"context"
	"os"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	opsv1 "github.com/seoul-gov/homepage/gen/seoul/ops/v1"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/deadletter"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/logging"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// effects counts applied events without a unique constraint: a double
// application would show up as an extra row.
var migrations = fstest.MapFS{"00001_effects.sql": {Data: []byte(
	"-- +goose Up\nCREATE TABLE effects (n serial PRIMARY KEY, value text NOT NULL);\n")}}

// broken is a handler that refuses every event as invalid until fixed, as
// a handler with a bug would until its fix is deployed.
type broken struct{ fixed atomic.Bool }

func (b *broken) handle(ctx context.Context, tx pgx.Tx, v *wrapperspb.StringValue) error {
	if !b.fixed.Load() {
		return errs.Invalid("value", "this handler cannot take it yet")
	}
	_, err := tx.Exec(ctx, `INSERT INTO effects (value) VALUES ($1)`, v.GetValue())
	return err
}

func (b *broken) runner(d *service.Deps) *consumer.Runner {
	return consumer.Typed(consumer.Config{Service: "dltest", Name: "effects", Stream: "PRODUCER",
		Subjects: []string{"seoul.producer.>"}, AckWait: 2 * time.Second}, d.JS, d.Pool, d.Log, b.handle)
}

func start(t *testing.T, b *broken) (*servicetest.Env, opsv1.DeadLetterServiceClient) {
	t.Helper()
	env := servicetest.Start(t, service.Spec{Name: "dltest", Migrations: migrations,
		Register: func(_ context.Context, d *service.Deps) error { d.Consume(b.runner(d)); return nil }})
	return env, opsv1.NewDeadLetterServiceClient(env.Conn)
}

func effects(t *testing.T, env *servicetest.Env) []string {
	t.Helper()
	rows, err := env.Pool.Query(context.Background(), `SELECT value FROM effects ORDER BY n`)
	require.NoError(t, err)
	values, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return values
}

func list(t *testing.T, env *servicetest.Env, c opsv1.DeadLetterServiceClient) []*opsv1.DeadLetter {
	t.Helper()
	resp, err := c.ListDeadLetters(env.As(t, servicetest.Admin("ops-1")), &opsv1.ListDeadLettersRequest{Service: "dltest"})
	require.NoError(t, err)
	return resp.GetDeadLetters()
}

// Ops list a service's dead letters, inspect one with its payload, and
// replay it once the cause is fixed: the event applies exactly once, a
// replay that fails again keeps the dead letter, and only admins may look.
func TestDeadLettersListInspectAndReplayOnce(t *testing.T) {
	b := &broken{}
	env, c := start(t, b)
	servicetest.PublishEvent(t, env.JS, "producer", "seoul.producer.thing.done", "ev-1", wrapperspb.String("첫째"))
	servicetest.PublishEvent(t, env.JS, "producer", "seoul.producer.thing.done", "ev-2", wrapperspb.String("둘째"))
	servicetest.Eventually(t, "both events dead-lettered", func() bool { return len(list(t, env, c)) == 2 })

	admin := env.As(t, servicetest.Admin("ops-1"))
	letters := list(t, env, c)
	require.Equal(t, "ev-1", letters[0].GetEventId(), "oldest first")
	require.Equal(t, "effects", letters[0].GetConsumer())
	require.Equal(t, "seoul.producer.thing.done", letters[0].GetSubject())
	require.Contains(t, letters[0].GetError(), "cannot take it yet")
	got, err := c.GetDeadLetter(admin, &opsv1.GetDeadLetterRequest{Service: "dltest", Sequence: letters[0].GetSequence()})
	require.NoError(t, err)
	require.Equal(t, `"첫째"`, got.GetDeadLetter().GetPayloadJson())

	_, err = c.ReplayDeadLetter(admin, &opsv1.ReplayDeadLetterRequest{Service: "dltest", Sequence: letters[0].GetSequence()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
	require.Len(t, list(t, env, c), 2, "a replay that fails again keeps the dead letter")
	require.Empty(t, effects(t, env))

	b.fixed.Store(true)
	replayed, err := c.ReplayDeadLetter(admin, &opsv1.ReplayDeadLetterRequest{Service: "dltest", Sequence: letters[0].GetSequence()})
	require.NoError(t, err)
	require.True(t, replayed.GetApplied())
	require.Equal(t, []string{"첫째"}, effects(t, env))
	_, err = c.ReplayDeadLetter(admin, &opsv1.ReplayDeadLetterRequest{Service: "dltest", Sequence: letters[0].GetSequence()})
	servicetest.RequireCode(t, err, codes.NotFound)
	require.Equal(t, []string{"ev-2"}, eventIDs(list(t, env, c)))

	for _, who := range []identity.Claims{servicetest.Citizen("c-1"), servicetest.Official("o-1", "SMG-CIVIL")} {
		_, err := c.ListDeadLetters(env.As(t, who), &opsv1.ListDeadLettersRequest{Service: "dltest"})
		servicetest.RequireCode(t, err, codes.PermissionDenied)
		_, err = c.ReplayDeadLetters(env.As(t, who), &opsv1.ReplayDeadLettersRequest{Service: "dltest"})
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	_, err = c.ListDeadLetters(context.Background(), &opsv1.ListDeadLettersRequest{Service: "dltest"})
	require.Contains(t, []codes.Code{codes.Unauthenticated, codes.PermissionDenied}, status.Code(err))
	_, err = c.ListDeadLetters(admin, &opsv1.ListDeadLettersRequest{Service: "mileage"})
	servicetest.RequireCode(t, err, codes.NotFound)
}

// An event dead-lettered twice (two replicas gave up on it, or it was
// dead-lettered again after an earlier replay) is applied once by a bulk
// replay: the consumer's inbox guard recognises the second copy.
func TestReplayAllAppliesEachEventOnce(t *testing.T) {
	b := &broken{}
	env, c := start(t, b)
	servicetest.PublishEvent(t, env.JS, "producer", "seoul.producer.thing.done", "ev-1", wrapperspb.String("하나"))
	servicetest.PublishEvent(t, env.JS, "producer", "seoul.producer.thing.done", "ev-2", wrapperspb.String("둘"))
	servicetest.Eventually(t, "dead-lettered", func() bool { return len(list(t, env, c)) == 2 })
	copyDeadLetter(t, env.JS, list(t, env, c)[0].GetSequence())
	require.Len(t, list(t, env, c), 3)

	b.fixed.Store(true)
	resp, err := c.ReplayDeadLetters(env.As(t, servicetest.Admin("ops-1")), &opsv1.ReplayDeadLettersRequest{Service: "dltest", Consumer: "effects"})
	require.NoError(t, err)
	require.EqualValues(t, 2, resp.GetAppliedCount())
	require.EqualValues(t, 1, resp.GetAlreadyAppliedCount())
	require.Zero(t, resp.GetFailedCount())
	require.ElementsMatch(t, []string{"하나", "둘"}, effects(t, env), "each event exactly once")
	require.Empty(t, list(t, env, c))
}

// Every dead-letter call is audited: an info line with the caller's
// subject, and for a replay the consumer, event and its subject.
func TestReplayIsAuditedWithTheCaller(t *testing.T) {
	b := &broken{}
	env, c := start(t, b)
	servicetest.PublishEvent(t, env.JS, "producer", "seoul.producer.thing.done", "ev-9", wrapperspb.String("감사"))
	servicetest.Eventually(t, "dead-lettered", func() bool { return len(list(t, env, c)) == 1 })
	b.fixed.Store(true)

	var logs bytes.Buffer // written only by the calls below, on this goroutine
	log := logging.NewTo(&logs, config.Log{Format: "text", Level: "info"}, "dltest")
	srv := deadletter.New("dltest", env.JS, log)
	srv.Add(consumer.Typed(consumer.Config{Service: "dltest", Name: "effects", Stream: "PRODUCER"}, env.JS, env.Pool, log, b.handle))
	ctx := identity.With(context.Background(), servicetest.Admin("ops-auditor"))
	_, err := srv.ReplayDeadLetter(ctx, &opsv1.ReplayDeadLetterRequest{Service: "dltest", Sequence: list(t, env, c)[0].GetSequence()})
	require.NoError(t, err)
	line := logs.String()
	require.Contains(t, line, `level=INFO msg="dead letter replayed"`)
	require.Contains(t, line, "subject=ops-auditor")
	require.Contains(t, line, "event_id=ev-9")
	require.Contains(t, line, "event_subject=seoul.producer.thing.done")
}

func eventIDs(letters []*opsv1.DeadLetter) []string {
	ids := make([]string, len(letters))
	for i, l := range letters {
		ids[i] = l.GetEventId()
	}
	return ids
}

// copyDeadLetter stores the dead letter at seq a second time.
func copyDeadLetter(t *testing.T, js jetstream.JetStream, seq uint64) {
	t.Helper()
	st, err := js.Stream(context.Background(), "DLTEST_DLQ")
	require.NoError(t, err)
	m, err := st.GetMsg(context.Background(), seq)
	require.NoError(t, err)
	dup := nats.NewMsg(m.Subject)
	dup.Data, dup.Header = m.Data, m.Header
	dup.Header.Del(jetstream.MsgIDHeader)
	_, err = js.PublishMsg(context.Background(), dup)
	require.NoError(t, err)
}
