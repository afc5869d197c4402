// Package tracing sets up OpenTelemetry for a binary: W3C trace context is
// propagated on every gRPC call and in every domain event's headers, spans
// are recorded, and they are exported over OTLP when an endpoint is
// configured (the standard OTEL_EXPORTER_OTLP_* variables). Without an
// endpoint nothing is recorded — there is nowhere to send it — but spans
// still get ids, so logs and events of one request share a trace id even
// where no collector runs.
package tracing

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
)

// Config selects the exporter.
type Config struct {
	// OTLPEndpoint is host:port of an OTLP/gRPC collector; empty records
	// spans without exporting them.
	OTLPEndpoint string `env:"OTEL_EXPORTER_OTLP_ENDPOINT"`
	// SampleRatio of new traces to keep (parent decisions are followed).
	SampleRatio float64 `env:"OTEL_TRACES_SAMPLER_RATIO" envDefault:"1"`
}

// Validate implements config.Validator.
func (c Config) Validate() []string {
	if c.SampleRatio < 0 || c.SampleRatio > 1 {
		return []string{"OTEL_TRACES_SAMPLER_RATIO: must be between 0 and 1"}
	}
	return nil
}

// Setup installs the global tracer provider and propagator for service
// and returns the function that flushes and stops it.
func Setup(ctx context.Context, cfg Config, service string) (func(context.Context) error, error) {
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	// Unexported spans would only cost time: without a collector, spans are
	// ids only (non-recording), which is all the logs and events need.
	sampler := sdktrace.NeverSample()
	var exporter []sdktrace.TracerProviderOption
	if cfg.OTLPEndpoint != "" {
		exp, err := otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(cfg.OTLPEndpoint), otlptracegrpc.WithInsecure())
		if err != nil {
			return nil, fmt.Errorf("OTLP exporter: %w", err)
		}
		sampler = sdktrace.ParentBased(sdktrace.TraceIDRatioBased(cfg.SampleRatio))
		exporter = append(exporter, sdktrace.WithBatcher(exp))
	}
	opts := append([]sdktrace.TracerProviderOption{
		sdktrace.WithResource(resource.NewSchemaless(semconv.ServiceName(service))),
		sdktrace.WithSampler(sampler),
	}, exporter...)
	tp := sdktrace.NewTracerProvider(opts...)
	otel.SetTracerProvider(tp)
	recording.Store(cfg.OTLPEndpoint != "")
	return tp.Shutdown, nil
}
