package grpcclient_test

import (
	"context"
	"net"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/freshread"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/logging"
)

// probe is a test service declared like the suite's protos: Get has
// idempotency_level NO_SIDE_EFFECTS, Create has none.
const (
	probeGet    = "/seoul.probe.v1.Probe/Get"
	probeCreate = "/seoul.probe.v1.Probe/Create"
)

func init() {
	empty := ".google.protobuf.Empty"
	noSideEffects := descriptorpb.MethodOptions_NO_SIDE_EFFECTS
	fd, err := protodesc.NewFile(&descriptorpb.FileDescriptorProto{
		Name: ptr("seoul/probe/v1/probe.proto"), Package: ptr("seoul.probe.v1"), Syntax: ptr("proto3"),
		Dependency: []string{"google/protobuf/empty.proto"},
		Service: []*descriptorpb.ServiceDescriptorProto{{Name: ptr("Probe"), Method: []*descriptorpb.MethodDescriptorProto{
			{Name: ptr("Get"), InputType: &empty, OutputType: &empty,
				Options: &descriptorpb.MethodOptions{IdempotencyLevel: &noSideEffects}},
			{Name: ptr("Create"), InputType: &empty, OutputType: &empty},
		}}},
	}, protoregistry.GlobalFiles)
	if err != nil {
		panic(err)
	}
	if err := protoregistry.GlobalFiles.RegisterFile(fd); err != nil {
		panic(err)
	}
}

func ptr[T any](v T) *T { return &v }

// probeServer fails the first `failures` calls of each method with
// Unavailable and records what every call carried.
type probeServer struct {
	mu       sync.Mutex
	failures int
	calls    map[string]int
	last     metadata.MD
}

func (p *probeServer) handle(method string) grpc.MethodHandler {
	return func(_ any, ctx context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
		if err := dec(&emptypb.Empty{}); err != nil {
			return nil, err
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		p.calls[method]++
		p.last, _ = metadata.FromIncomingContext(ctx)
		if p.calls[method] <= p.failures {
			return nil, status.Error(codes.Unavailable, "warming up")
		}
		return &emptypb.Empty{}, nil
	}
}

func (p *probeServer) count(method string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls[method]
}

func startProbe(t *testing.T, failures int) (*probeServer, *grpc.ClientConn) {
	t.Helper()
	p, addr, _ := serveProbe(t, failures)
	return p, dial(t, addr)
}

// serveProbe serves a probe on a free port; stop ends it early.
func serveProbe(t *testing.T, failures int) (p *probeServer, addr string, stop func()) {
	t.Helper()
	p = &probeServer{failures: failures, calls: map[string]int{}}
	srv := grpc.NewServer()
	srv.RegisterService(&grpc.ServiceDesc{ServiceName: "seoul.probe.v1.Probe", HandlerType: (*any)(nil),
		Methods: []grpc.MethodDesc{{MethodName: "Get", Handler: p.handle("Get")}, {MethodName: "Create", Handler: p.handle("Create")}},
	}, p)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(srv.Stop)
	return p, ln.Addr().String(), srv.Stop
}

func dial(t *testing.T, target string) *grpc.ClientConn {
	t.Helper()
	conn, err := grpcclient.Dial(target)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// Replicas on one machine are one comma-separated target (SEOUL_REPLICAS=2
// make run): calls are spread over all of them, and once one stops the
// others take every call.
func TestAddressListSpreadsCallsOverReplicas(t *testing.T) {
	a, addrA, stopA := serveProbe(t, 0)
	b, addrB, _ := serveProbe(t, 0)
	conn := dial(t, addrA+","+addrB)
	calls := 0
	// Round robin picks among the replicas it is connected to; both are
	// within a few calls.
	for ; calls < 200 && (a.count("Get") == 0 || b.count("Get") == 0); calls++ {
		require.NoError(t, invoke(t.Context(), conn, probeGet))
	}
	require.Positive(t, a.count("Get"))
	require.Positive(t, b.count("Get"))
	require.Equal(t, calls, a.count("Get")+b.count("Get"))

	stopA()
	before := a.count("Get")
	for range 10 {
		require.NoError(t, invoke(t.Context(), conn, probeGet))
	}
	require.Equal(t, before, a.count("Get"))
	require.Equal(t, calls+10-before, b.count("Get"))
}

func invoke(ctx context.Context, conn *grpc.ClientConn, method string) error {
	return conn.Invoke(ctx, method, &emptypb.Empty{}, &emptypb.Empty{})
}

// A method declared free of side effects is retried through a brief
// Unavailable; one without that declaration is tried once, so a retry can
// never apply an effect twice.
func TestRetriesOnlyIdempotentMethods(t *testing.T) {
	p, conn := startProbe(t, 2)
	require.NoError(t, invoke(t.Context(), conn, probeGet))
	require.Equal(t, 3, p.calls["Get"], "two failures, then success")

	err := invoke(t.Context(), conn, probeCreate)
	require.Equal(t, codes.Unavailable, status.Code(err))
	require.Equal(t, 1, p.calls["Create"], "a call with effects is never retried")
}

func TestRetriesGiveUpAfterThreeAttempts(t *testing.T) {
	p, conn := startProbe(t, 10)
	err := invoke(t.Context(), conn, probeGet)
	require.Equal(t, codes.Unavailable, status.Code(err))
	require.Equal(t, 3, p.calls["Get"])
}

// The callee learns for which request and on whose behalf; it is not told
// which service calls by an unsigned header (mutual TLS proves that).
func TestForwardsRequestIDAndAuthorizationOnly(t *testing.T) {
	p, conn := startProbe(t, 0)
	ctx := logging.WithRequestID(t.Context(), "req-42")
	ctx = metadata.NewIncomingContext(ctx, metadata.Pairs("authorization", "Bearer citizen-token"))
	require.NoError(t, invoke(ctx, conn, probeCreate))
	require.Equal(t, []string{"req-42"}, p.last.Get("x-request-id"))
	require.Equal(t, []string{"Bearer citizen-token"}, p.last.Get("authorization"))
	require.Empty(t, p.last.Get("x-calling-service"))

	// A service acting under its own token sends that one instead.
	require.NoError(t, invoke(grpcclient.WithToken(ctx, "service-token"), conn, probeCreate))
	require.Equal(t, []string{"Bearer service-token"}, p.last.Get("authorization"))

	// A machine client that called with its API key calls on with it.
	keyed := metadata.NewIncomingContext(t.Context(), metadata.Pairs(clients.MetadataAPIKey, "app-key"))
	require.NoError(t, invoke(keyed, conn, probeCreate))
	require.Equal(t, []string{"app-key"}, p.last.Get(clients.MetadataAPIKey))
	require.Empty(t, p.last.Get("authorization"))
}

// A machine client's call on behalf of a person goes on with the person
// named, as the server admitted it, so the next service applies the same
// delegation; a service calling under its own token names no one, unless
// it says so with OnBehalfOf.
func TestForwardsOnBehalfOfWithTheToken(t *testing.T) {
	p, conn := startProbe(t, 0)
	ctx := metadata.NewIncomingContext(t.Context(), metadata.Pairs("authorization", "Bearer mail-token",
		identity.MetadataOnBehalfOf, "forged-by-header"))
	require.NoError(t, invoke(ctx, conn, probeCreate))
	require.Empty(t, p.last.Get(identity.MetadataOnBehalfOf), "only what the server admitted is forwarded")

	require.NoError(t, invoke(identity.WithOnBehalfOf(ctx, "citizen-7"), conn, probeCreate))
	require.Equal(t, []string{"Bearer mail-token"}, p.last.Get("authorization"))
	require.Equal(t, []string{"citizen-7"}, p.last.Get(identity.MetadataOnBehalfOf))

	own := grpcclient.WithToken(identity.WithOnBehalfOf(ctx, "citizen-7"), "service-token")
	require.NoError(t, invoke(own, conn, probeCreate))
	require.Empty(t, p.last.Get(identity.MetadataOnBehalfOf))
	require.NoError(t, invoke(grpcclient.OnBehalfOf(own, "citizen-9"), conn, probeCreate))
	require.Equal(t, []string{"citizen-9"}, p.last.Get(identity.MetadataOnBehalfOf))
}

// A caller that keeps answers (the edge's cache) asks for fresh reads; the
// mark goes as metadata, and only when asked for.
func TestForwardsAFreshReadsMark(t *testing.T) {
	p, conn := startProbe(t, 0)
	require.NoError(t, invoke(freshread.With(t.Context()), conn, probeCreate))
	require.Equal(t, []string{"1"}, p.last.Get(freshread.MetadataKey))
	require.NoError(t, invoke(t.Context(), conn, probeCreate))
	require.Empty(t, p.last.Get(freshread.MetadataKey))
}
