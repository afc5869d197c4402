package grpcserver_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"io"
	"log/slog"
	"net"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	testgrpc "google.golang.org/grpc/interop/grpc_testing"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pg"
)

// behaviour picks what the test handler does from the request's fill_username.
type testService struct {
	testgrpc.UnimplementedTestServiceServer
}

func (testService) UnaryCall(ctx context.Context, req *testgrpc.SimpleRequest) (*testgrpc.SimpleResponse, error) {
	switch string(req.GetPayload().GetBody()) {
	case "invalid":
		var v errs.Violations
		v.Add("title.ko", "REQUIRED")
		v.Add("department_code", "TOO_LONG", "max", 20)
		return nil, v.Err()
	case "secret-failure":
		return nil, errors.New("password=hunter2 connection refused")
	case "panic":
		panic("boom")
	case "not-found":
		return nil, errs.NotFound("NOT_FOUND")
	case "db-shutdown":
		return nil, fmt.Errorf("listing posts at 10.0.0.9: %w", &pgconn.PgError{Code: "57P01", Message: "terminating connection"})
	case "db-refused":
		return nil, fmt.Errorf("listing posts at 10.0.0.9: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})
	case "db-eof":
		return nil, fmt.Errorf("listing posts at 10.0.0.9: %w", io.ErrUnexpectedEOF)
	case "db-missing-table":
		return nil, fmt.Errorf("listing posts: %w", &pgconn.PgError{Code: "42P01"})
	case "whoami":
		return &testgrpc.SimpleResponse{Username: identity.From(ctx).Subject}, nil
	case "department":
		return &testgrpc.SimpleResponse{Username: identity.From(ctx).Department}, nil
	case "caller":
		return &testgrpc.SimpleResponse{Username: identity.CallingService(ctx)}, nil
	case "onbehalf":
		return &testgrpc.SimpleResponse{Username: identity.OnBehalfOf(ctx)}, nil
	}
	return &testgrpc.SimpleResponse{}, nil
}

type rig struct {
	srv    *grpcserver.Server
	client testgrpc.TestServiceClient
	health healthpb.HealthClient
	issuer *identity.Issuer
	ready  *atomic.Bool
}

func start(t *testing.T) rig { return startWith(t, grpcserver.Options{}, nil) }

// startWith starts the test server with opts (verifier, services and
// checks are the rig's) and dials it with dial (plaintext when nil).
func startWith(t *testing.T, opts grpcserver.Options, dial []grpc.DialOption) rig {
	t.Helper()
	return startLogged(t, opts, dial, io.Discard)
}

// startLogged is startWith writing the server's log to w as JSON.
func startLogged(t *testing.T, opts grpcserver.Options, dial []grpc.DialOption, w io.Writer) rig {
	t.Helper()
	iss, err := identity.NewIssuer("iss", "aud")
	require.NoError(t, err)
	ready := &atomic.Bool{}
	opts.Services, opts.CheckInterval = []string{"grpc.testing.TestService"}, 20*time.Millisecond
	opts.Verifier = identity.NewVerifier("iss", "aud", identity.StaticKeys{Set: iss.KeySet()})
	opts.Checks = []grpcserver.Check{{Name: "db", Probe: func(context.Context) error {
		if !ready.Load() {
			return errors.New("down")
		}
		return nil
	}}}
	srv := grpcserver.New(slog.New(slog.NewJSONHandler(w, nil)), opts)
	testgrpc.RegisterTestServiceServer(srv.Server, testService{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { _ = srv.Serve(ctx, ln) }()
	if dial == nil {
		dial = []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	}
	conn, err := grpc.NewClient(ln.Addr().String(), dial...)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(); cancel(); srv.Stop() })
	return rig{srv: srv, client: testgrpc.NewTestServiceClient(conn), health: healthpb.NewHealthClient(conn), issuer: iss, ready: ready}
}

func call(r rig, ctx context.Context, body string) (*testgrpc.SimpleResponse, error) {
	return r.client.UnaryCall(ctx, &testgrpc.SimpleRequest{Payload: &testgrpc.Payload{Body: []byte(body)}})
}

func TestInvalidInputNamesEveryField(t *testing.T) {
	t.Parallel()
	r := start(t)
	_, err := call(r, context.Background(), "invalid")
	st := status.Convert(err)
	require.Equal(t, codes.InvalidArgument, st.Code())
	var fields, reasons, texts []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				fields, reasons, texts = append(fields, v.GetField()), append(reasons, v.GetReason()), append(texts, v.GetDescription())
			}
		}
	}
	require.Equal(t, []string{"department_code", "title.ko"}, fields)
	require.Equal(t, []string{"TOO_LONG", "REQUIRED"}, reasons)
	require.Equal(t, []string{"20자 이하로 입력해 주세요.", "필수 항목입니다."}, texts, "Korean by default")
}

// Errors are rendered in the caller's accept-language from the one
// catalogue, Korean by default, with the reason in google.rpc.ErrorInfo.
func TestErrorsSpeakTheCallersLanguage(t *testing.T) {
	t.Parallel()
	r := start(t)
	_, err := call(r, context.Background(), "not-found")
	st := status.Convert(err)
	require.Equal(t, "요청한 대상을 찾을 수 없습니다.", st.Message())
	info := servicetest.ErrorInfo(t, st)
	require.Equal(t, "NOT_FOUND", info.GetReason())
	require.Equal(t, "homepage.seoul.go.kr", info.GetDomain())

	en := metadata.AppendToOutgoingContext(context.Background(), "accept-language", "en-US,en;q=0.9")
	_, err = call(r, en, "not-found")
	require.Equal(t, "Not found.", status.Convert(err).Message())
	_, err = call(r, en, "invalid")
	require.Contains(t, status.Convert(err).Message(), "invalid")
	ja := metadata.AppendToOutgoingContext(context.Background(), "accept-language", "ja")
	_, err = call(r, ja, "not-found")
	require.Equal(t, "요청한 대상을 찾을 수 없습니다.", status.Convert(err).Message(), "no Japanese catalogue: Korean")
}

func badRequest(t *testing.T, st *status.Status) *errdetails.BadRequest {
	t.Helper()
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			return br
		}
	}
	t.Fatalf("no BadRequest in %v", st)
	return nil
}

func TestUnknownErrorsAreGenericInternal(t *testing.T) {
	t.Parallel()
	r := start(t)
	_, err := call(r, context.Background(), "secret-failure")
	st := status.Convert(err)
	require.Equal(t, codes.Internal, st.Code())
	require.NotContains(t, st.Message(), "hunter2")
	require.Equal(t, "INTERNAL", servicetest.ErrorInfo(t, st).GetReason())
	require.Contains(t, st.Message(), "요청 번호")
}

func TestPanicsBecomeInternalAndServerSurvives(t *testing.T) {
	t.Parallel()
	r := start(t)
	_, err := call(r, context.Background(), "panic")
	require.Equal(t, codes.Internal, status.Code(err))
	_, err = call(r, context.Background(), "not-found")
	require.Equal(t, codes.NotFound, status.Code(err))
}

func TestIdentityFromBearerToken(t *testing.T) {
	t.Parallel()
	r := start(t)
	tok, err := r.issuer.Mint(identity.Claims{Subject: "citizen-7"}, time.Minute)
	require.NoError(t, err)
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
	resp, err := call(r, ctx, "whoami")
	require.NoError(t, err)
	require.Equal(t, "citizen-7", resp.GetUsername())

	anon, err := call(r, context.Background(), "whoami")
	require.NoError(t, err)
	require.Empty(t, anon.GetUsername())

	bad := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok+"x")
	_, err = call(r, bad, "whoami")
	require.Equal(t, codes.Unauthenticated, status.Code(err))
}

func TestHealthFollowsReadinessAndDrain(t *testing.T) {
	t.Parallel()
	r := start(t)
	check := func() healthpb.HealthCheckResponse_ServingStatus {
		resp, err := r.health.Check(context.Background(), &healthpb.HealthCheckRequest{})
		if err != nil {
			return healthpb.HealthCheckResponse_UNKNOWN
		}
		return resp.GetStatus()
	}
	require.Equal(t, healthpb.HealthCheckResponse_NOT_SERVING, check())
	require.False(t, r.srv.Serving())
	r.ready.Store(true)
	require.Eventually(t, func() bool { return check() == healthpb.HealthCheckResponse_SERVING }, 10*time.Second, 10*time.Millisecond)
	require.Eventually(t, r.srv.Serving, 10*time.Second, 10*time.Millisecond, "Serving answers as health does")
	r.ready.Store(false)
	require.Eventually(t, func() bool { return check() == healthpb.HealthCheckResponse_NOT_SERVING }, 10*time.Second, 10*time.Millisecond)
	require.False(t, r.srv.Serving())
}

// A classified error wrapping a downstream gRPC status answers with its
// own kind and caller-safe message, never the downstream code or text.
func TestClassifiedErrorWinsOverWrappedDownstreamStatus(t *testing.T) {
	t.Parallel()
	downstream := status.Error(codes.InvalidArgument, "privacy: field phone at 10.0.0.7 rejected")
	err := errs.Wrap(errs.KindUnavailable, downstream, "UNAVAILABLE")
	st := grpcserver.ToStatus(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)), err)
	require.Equal(t, codes.Unavailable, st.Code())
	require.Equal(t, "서비스를 잠시 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.", st.Message())
	wrapped := fmt.Errorf("calling privacy: %w", downstream)
	st = grpcserver.ToStatus(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)), wrapped)
	require.Equal(t, codes.Internal, st.Code(), "an unclassified wrap is internal; its text is logged, not returned")
	require.NotContains(t, st.Message(), "10.0.0.7")
}

// A database outage that reached the server unclassified (a store that
// skipped pg.MapError) still answers Unavailable when the server classifies
// with pg.ClassifyOutage, as every service's does, so clients retry; the
// driver's text is not sent. A missing table stays a generic Internal.
func TestUnclassifiedDatabaseOutageIsUnavailable(t *testing.T) {
	t.Parallel()
	r := startWith(t, grpcserver.Options{Classify: pg.ClassifyOutage}, nil)
	for _, body := range []string{"db-shutdown", "db-refused", "db-eof"} {
		_, err := call(r, context.Background(), body)
		st := status.Convert(err)
		require.Equal(t, codes.Unavailable, st.Code(), body)
		require.NotContains(t, st.Message(), "10.0.0.9", body)
	}
	_, err := call(r, context.Background(), "db-missing-table")
	require.Equal(t, codes.Internal, status.Code(err), "a missing table is a bug, not an outage")
}

// PostgreSQL text cannot hold NUL: every service refuses it up front,
// naming the field, instead of failing with Internal at the database.
func TestNULInAnyStringIsInvalidNamingTheField(t *testing.T) {
	t.Parallel()
	r := start(t)
	_, err := r.client.UnaryCall(context.Background(), &testgrpc.SimpleRequest{
		Payload: &testgrpc.Payload{Body: []byte("fine")}, ResponseStatus: &testgrpc.EchoStatus{Message: "a\x00b"}})
	st := status.Convert(err)
	require.Equal(t, codes.InvalidArgument, st.Code(), "%v", err)
	require.Equal(t, "response_status.message", badRequest(t, st).GetFieldViolations()[0].GetField())
}

// A right-to-left override or a byte order mark in any request string is
// refused naming the field, so no service stores a title that reads
// differently from what it is (one rule for every service's user text).
func TestBidiControlsAndByteOrderMarksAreInvalidNamingTheField(t *testing.T) {
	t.Parallel()
	r := start(t)
	for _, bad := range []string{"공지\u202Etxt.exe", "\uFEFF제목", "a\u2067b"} {
		_, err := r.client.UnaryCall(context.Background(), &testgrpc.SimpleRequest{
			Payload: &testgrpc.Payload{Body: []byte("fine")}, ResponseStatus: &testgrpc.EchoStatus{Message: bad}})
		st := status.Convert(err)
		require.Equal(t, codes.InvalidArgument, st.Code(), "%q: %v", bad, err)
		v := badRequest(t, st).GetFieldViolations()[0]
		require.Equal(t, "response_status.message", v.GetField())
		require.Contains(t, v.GetDescription(), "U+")
	}
	_, err := r.client.UnaryCall(context.Background(), &testgrpc.SimpleRequest{
		Payload: &testgrpc.Payload{Body: []byte("fine")}, ResponseStatus: &testgrpc.EchoStatus{Message: "횡단보도 신호"}})
	require.NoError(t, err)
}
