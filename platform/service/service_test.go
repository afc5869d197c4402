package service_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	testgrpc "google.golang.org/grpc/interop/grpc_testing"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// notes is a minimal service: UnaryCall stores the payload as a note and
// announces it with an outbox event, as every real service writes.
type notes struct {
	testgrpc.UnimplementedTestServiceServer
	d *service.Deps
}

func (n notes) UnaryCall(ctx context.Context, req *testgrpc.SimpleRequest) (*testgrpc.SimpleResponse, error) {
	body := string(req.GetPayload().GetBody())
	err := pg.InTx(ctx, n.d.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO notes (body) VALUES ($1)`, body); err != nil {
			return err
		}
		_, err := outbox.Add(ctx, tx, "seoul.notes.note.created", wrapperspb.String(body))
		return err
	})
	return &testgrpc.SimpleResponse{}, err
}

var notesSpec = service.Spec{
	Name: "notes", GRPCServices: []string{"grpc.testing.TestService"},
	Migrations: fstest.MapFS{"00001_notes.sql": {Data: []byte(`
-- +goose Up
CREATE TABLE notes (body text PRIMARY KEY);
-- +goose Down
DROP TABLE notes;
`)}},
	Register: func(_ context.Context, d *service.Deps) error {
		testgrpc.RegisterTestServiceServer(d.GRPC, notes{d: d})
		return nil
	},
}

// running is a notes service under test.
type running struct {
	client testgrpc.TestServiceClient
	health healthpb.HealthClient
	exited chan error
}

func startNotes(t *testing.T, dbURL, natsURL string) *running {
	t.Helper()
	iss, err := identity.NewIssuer("iss", "aud")
	require.NoError(t, err)
	dir := t.TempDir()
	jwks := filepath.Join(dir, "jwks.json")
	require.NoError(t, iss.WriteKeyFiles(filepath.Join(dir, "key.jwk"), jwks))
	cfg := service.Config{
		Log:      config.Log{Format: "text", Level: "error"},
		Server:   config.Server{ShutdownTimeout: 5 * time.Second},
		Postgres: config.Postgres{URL: dbURL, MaxConns: 5},
		NATS:     config.NATS{URL: natsURL, StreamReplicas: 1},
		Auth:     config.Auth{Issuer: "iss", Audience: "aud", JWKSFile: jwks},
	}
	grpcLn, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	metricsLn, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{exited: make(chan error, 1)}
	go func() { r.exited <- service.ServeOn(ctx, notesSpec, cfg, grpcLn, metricsLn) }()
	conn, err := grpc.NewClient(grpcLn.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() {
		conn.Close()
		cancel()
		<-r.exited
	})
	r.client, r.health = testgrpc.NewTestServiceClient(conn), healthpb.NewHealthClient(conn)
	return r
}

func (r *running) write(body string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := r.client.UnaryCall(ctx, &testgrpc.SimpleRequest{Payload: &testgrpc.Payload{Body: []byte(body)}})
	return err
}

// waitHealth waits until the service reports want, failing if it exits.
func (r *running) waitHealth(t *testing.T, want healthpb.HealthCheckResponse_ServingStatus) {
	t.Helper()
	var (
		resp *healthpb.HealthCheckResponse
		err  error
	)
	servicetest.EventuallyWithin(t, 60*time.Second, servicetest.Detail(func() string {
		return fmt.Sprintf("health %v (last: %v, %v)", want, resp.GetStatus(), err)
	}), func() bool {
		select {
		case err := <-r.exited:
			t.Fatalf("the service exited: %v", err)
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		resp, err = r.health.Check(ctx, &healthpb.HealthCheckRequest{})
		return err == nil && resp.GetStatus() == want
	})
}

// A service whose database is down when it starts does not exit: it
// reports NOT_SERVING, refuses calls as Unavailable (HTTP 503 at the edge),
// and serves once the database is back. The same after an outage later.
func TestServiceStartsAndHealsWithoutItsDatabase(t *testing.T) {
	server, err := localinfra.StartPostgres(t.Context(), localinfra.PostgresOptions{NoFsync: true, Logf: t.Logf})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, server.Stop()) })
	require.NoError(t, server.CreateDatabase(t.Context(), "notes"))
	require.NoError(t, server.Crash())

	svc := startNotes(t, server.URL("notes"), testinfra.NATS(t).URL())
	svc.waitHealth(t, healthpb.HealthCheckResponse_NOT_SERVING)
	require.Equal(t, codes.Unavailable, status.Code(svc.write("before")), "starting: retry later")

	require.NoError(t, server.Start(t.Context()))
	svc.waitHealth(t, healthpb.HealthCheckResponse_SERVING)
	require.NoError(t, svc.write("after start"))

	require.NoError(t, server.Crash())
	require.Equal(t, codes.Unavailable, status.Code(svc.write("during outage")))
	svc.waitHealth(t, healthpb.HealthCheckResponse_NOT_SERVING)
	require.NoError(t, server.Start(t.Context()))
	svc.waitHealth(t, healthpb.HealthCheckResponse_SERVING)
	require.Eventually(t, func() bool { return svc.write("after outage") == nil }, 30*time.Second, 50*time.Millisecond)

	conn, err := pgx.Connect(t.Context(), server.URL("notes"))
	require.NoError(t, err)
	defer conn.Close(context.Background())
	rows, err := conn.Query(t.Context(), `SELECT body FROM notes ORDER BY body`)
	require.NoError(t, err)
	bodies, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	require.Equal(t, []string{"after outage", "after start"}, bodies, "what was refused is not stored")
}

// A service started while NATS is down does not exit (issue 22: it used
// to, on its stream): it serves writes into its outbox, reports
// NOT_SERVING, and once NATS is back provisions its stream and publishes
// what waited.
func TestServiceStartsWhileNATSIsDown(t *testing.T) {
	n := testinfra.FreshNATS(t)
	n.Stop()
	dbURL := testinfra.DatabaseURL(t, "notes", func(context.Context, string) error { return nil })
	svc := startNotes(t, dbURL, n.URL())

	svc.waitHealth(t, healthpb.HealthCheckResponse_NOT_SERVING)
	require.Eventually(t, func() bool { return svc.write("while NATS is down") == nil }, 30*time.Second, 50*time.Millisecond,
		"writes go to the outbox while NATS is down")
	require.NoError(t, n.Start())
	svc.waitHealth(t, healthpb.HealthCheckResponse_SERVING)

	_, js := testinfra.JetStream(t, n)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var msg *jetstream.RawStreamMsg
	require.Eventually(t, func() bool {
		stream, err := js.Stream(ctx, "NOTES")
		if err != nil {
			return false
		}
		msg, err = stream.GetLastMsgForSubject(ctx, "seoul.notes.note.created")
		return err == nil
	}, 30*time.Second, 50*time.Millisecond, "the waiting event was published")
	var got wrapperspb.StringValue
	require.NoError(t, proto.Unmarshal(msg.Data, &got))
	require.Equal(t, "while NATS is down", got.GetValue())
}
