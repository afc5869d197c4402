// Package metrics holds the suite's Prometheus collectors and the /metrics
// HTTP server that every binary runs on its own port.
package metrics

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry is the process-wide registry; collectors register here.
var Registry = prometheus.NewRegistry()

var (
	grpcHandled = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "grpc_server_handled_total", Help: "RPCs completed, by method and code.",
	}, []string{"method", "code"})
	grpcSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "grpc_server_handling_seconds", Help: "RPC latency, by method.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"method"})
	// EventsPublished counts outbox events published, by subject.
	EventsPublished = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "outbox_events_published_total", Help: "Outbox events published to JetStream.",
	}, []string{"subject"})
	// EventsConsumed counts consumed events by consumer and outcome.
	EventsConsumed = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "events_consumed_total", Help: "Events handled by consumers, by outcome.",
	}, []string{"consumer", "outcome"})
	// ConsumerPending is how far a durable consumer is behind: events in
	// its stream not yet acknowledged (not yet delivered, or delivered and
	// not acknowledged). Replicas share the durable and report the same.
	ConsumerPending = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "consumer_pending_events", Help: "Events a durable consumer has not yet acknowledged.",
	}, []string{"consumer"})
	// OutboxUnsent and OutboxOldestUnsent show how far a service's events
	// lag behind the commits that made them. The relay measures the whole
	// outbox, so every replica of a service reports the same figures.
	OutboxUnsent = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "outbox_unsent_events", Help: "Outbox events committed but not yet published to JetStream.",
	})
	OutboxOldestUnsent = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "outbox_oldest_unsent_age_seconds", Help: "Age of the oldest outbox event not yet published (0 when none waits).",
	})
)

func init() {
	Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		grpcHandled, grpcSeconds, EventsPublished, EventsConsumed, ConsumerPending,
		OutboxUnsent, OutboxOldestUnsent)
}

// GRPCHandled records one finished RPC.
func GRPCHandled(method, code string, took time.Duration) {
	grpcHandled.WithLabelValues(method, code).Inc()
	grpcSeconds.WithLabelValues(method).Observe(took.Seconds())
}

// Admin configures the internal admin port.
type Admin struct {
	// Pprof serves /debug/pprof/ (profiles show memory contents and cost
	// CPU: on only where asked for, config.Server.PprofEnabled).
	Pprof bool
	// Ready, when set, answers GET /readyz: 200 while it reports true,
	// 503 otherwise. Orchestrators probe it over plain HTTP, since their
	// gRPC probes cannot present a client certificate when the gRPC port
	// requires mutual TLS.
	Ready func() bool
}

// Serve runs the admin endpoints on ln until ctx ends: /metrics for
// Prometheus, /readyz and, when enabled, /debug/pprof/ for profiling a live
// process. It is an operator's port — loopback by default, reachable only
// from the monitoring namespace in Kubernetes — never routed to the public.
func Serve(ctx context.Context, ln net.Listener, admin Admin) error {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(Registry, promhttp.HandlerOpts{}))
	if admin.Pprof {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	}
	if admin.Ready != nil {
		mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
			if !admin.Ready() {
				http.Error(w, "not ready", http.StatusServiceUnavailable)
				return
			}
			_, _ = w.Write([]byte("ready\n"))
		})
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
