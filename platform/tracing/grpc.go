package tracing

import (
	"context"
	"sync/atomic"

	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

// recording is whether Setup installed an exporter: only then are spans
// recorded and sampled.
var recording atomic.Bool

// Recording reports whether spans are recorded (a collector is set).
func Recording() bool { return recording.Load() }

// ServerOptions trace a gRPC server's calls. With a collector, otelgrpc's
// stats handler records them. Without one nothing would be kept, yet
// otelgrpc would still build every call's attributes, events and metrics
// (a few percent of a read's CPU, issue 17), so the calls only continue the
// caller's trace: a span with ids, no attributes, for the log lines and
// the events the call writes. Call after Setup.
func ServerOptions() []grpc.ServerOption {
	if Recording() {
		return []grpc.ServerOption{grpc.StatsHandler(otelgrpc.NewServerHandler())}
	}
	return []grpc.ServerOption{grpc.ChainUnaryInterceptor(unaryServer), grpc.ChainStreamInterceptor(streamServer)}
}

// DialOptions trace a client connection's calls, as ServerOptions does the
// server's: otelgrpc with a collector, else the caller's trace context sent
// along. Call after Setup.
func DialOptions() []grpc.DialOption {
	if Recording() {
		return []grpc.DialOption{grpc.WithStatsHandler(otelgrpc.NewClientHandler())}
	}
	return []grpc.DialOption{grpc.WithChainUnaryInterceptor(unaryClient), grpc.WithChainStreamInterceptor(streamClient)}
}

const instrumentation = "github.com/seoul-gov/homepage/platform/tracing"

// serverSpan starts the span of an incoming call in the caller's trace.
func serverSpan(ctx context.Context, method string) (context.Context, trace.Span) {
	ctx = otel.GetTextMapPropagator().Extract(ctx, incomingCarrier{ctx})
	return otel.Tracer(instrumentation).Start(ctx, method, trace.WithSpanKind(trace.SpanKindServer))
}

func unaryServer(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	ctx, span := serverSpan(ctx, info.FullMethod)
	defer span.End()
	return handler(ctx, req)
}

func streamServer(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	ctx, span := serverSpan(ss.Context(), info.FullMethod)
	defer span.End()
	return handler(srv, &tracedStream{ServerStream: ss, ctx: ctx})
}

type tracedStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *tracedStream) Context() context.Context { return s.ctx }

// outgoing adds the trace context of ctx's span to the call's metadata.
func outgoing(ctx context.Context) context.Context {
	if !trace.SpanContextFromContext(ctx).IsValid() {
		return ctx
	}
	var c pairCarrier
	otel.GetTextMapPropagator().Inject(ctx, &c)
	if len(c) == 0 {
		return ctx
	}
	return metadata.AppendToOutgoingContext(ctx, c...)
}

func unaryClient(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	return invoker(outgoing(ctx), method, req, reply, cc, opts...)
}

func streamClient(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
	return streamer(outgoing(ctx), desc, cc, method, opts...)
}

// incomingCarrier reads a propagated context from a call's incoming
// metadata key by key: the propagators ask for two or three keys, and
// copying the whole metadata for them (FromIncomingContext) was a few
// allocations per call (issue 17).
type incomingCarrier struct{ ctx context.Context }

func (c incomingCarrier) Get(key string) string {
	if v := metadata.ValueFromIncomingContext(c.ctx, key); len(v) > 0 {
		return v[0]
	}
	return ""
}

// Set is never called on an incoming call's metadata (Extract only reads).
func (c incomingCarrier) Set(string, string) {}

func (c incomingCarrier) Keys() []string {
	md, _ := metadata.FromIncomingContext(c.ctx)
	out := make([]string, 0, len(md))
	for k := range md {
		out = append(out, k)
	}
	return out
}

// pairCarrier collects a propagated context as metadata pairs.
type pairCarrier []string

func (c *pairCarrier) Get(string) string { return "" }

func (c *pairCarrier) Set(key, value string) { *c = append(*c, key, value) }

func (c *pairCarrier) Keys() []string { return nil }
