package tracing_test

import (
	"context"
	"net"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/seoul-gov/homepage/platform/tracing"
)

// Without a collector a call still carries the caller's trace to the
// server, whose handlers see a span of that trace (for their log lines and
// the events they write).
func TestWithoutCollectorCallsContinueTheCallersTrace(t *testing.T) {
	stop, err := tracing.Setup(t.Context(), tracing.Config{SampleRatio: 1}, "test")
	require.NoError(t, err)
	t.Cleanup(func() { _ = stop(context.Background()) })
	require.False(t, tracing.Recording())

	seen := make(chan trace.SpanContext, 1)
	record := func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		seen <- trace.SpanContextFromContext(ctx)
		return h(ctx, req)
	}
	srv := grpc.NewServer(append(tracing.ServerOptions(), grpc.ChainUnaryInterceptor(record))...)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(srv.Stop)
	cc, err := grpc.NewClient(ln.Addr().String(),
		append(tracing.DialOptions(), grpc.WithTransportCredentials(insecure.NewCredentials()))...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = cc.Close() })

	caller := trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{1, 2, 3}, SpanID: trace.SpanID{4, 5, 6},
		TraceFlags: trace.FlagsSampled})
	ctx := trace.ContextWithSpanContext(t.Context(), caller)
	_, err = healthpb.NewHealthClient(cc).Check(ctx, &healthpb.HealthCheckRequest{})
	require.NoError(t, err)
	got := <-seen
	require.Equal(t, caller.TraceID(), got.TraceID())
	require.True(t, got.IsValid())
	require.NotEqual(t, caller.SpanID(), got.SpanID(), "the server's call is a span of its own")
}
