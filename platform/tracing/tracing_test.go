package tracing_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/seoul-gov/homepage/platform/tracing"
)

// Without a collector nothing is recorded, yet every span has ids and a
// request keeps its caller's trace id, so log lines still correlate.
func TestWithoutCollectorSpansAreIDsOnly(t *testing.T) {
	stop, err := tracing.Setup(t.Context(), tracing.Config{SampleRatio: 1}, "test")
	require.NoError(t, err)
	t.Cleanup(func() { _ = stop(context.Background()) })

	_, root := otel.Tracer("t").Start(t.Context(), "request")
	require.True(t, root.SpanContext().IsValid(), "a new trace gets ids")
	require.False(t, root.IsRecording())

	carrier := propagation.MapCarrier{"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
	ctx := otel.GetTextMapPropagator().Extract(t.Context(), carrier)
	_, child := otel.Tracer("t").Start(ctx, "handler")
	require.Equal(t, "4bf92f3577b34da6a3ce929d0e0e4736", child.SpanContext().TraceID().String())
	require.False(t, child.IsRecording())
}

// With a collector configured, sampled traces are recorded for export.
func TestWithCollectorSpansAreRecorded(t *testing.T) {
	stop, err := tracing.Setup(t.Context(), tracing.Config{OTLPEndpoint: "127.0.0.1:1", SampleRatio: 1}, "test")
	require.NoError(t, err)
	t.Cleanup(func() {
		// Nothing listens there: do not wait for the final export.
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_ = stop(ctx)
	})
	_, span := otel.Tracer("t").Start(t.Context(), "request")
	require.True(t, span.IsRecording())
	require.True(t, span.SpanContext().TraceFlags()&trace.FlagsSampled != 0)
	span.End()
}
