// Package grpcserver builds the gRPC server every service runs: interceptors
// for request ids, identity, panic recovery, logging, metrics, tracing and
// error mapping; the standard health service driven by real readiness
// checks; and reflection so grpcurl works without proto files.
package grpcserver

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/tracing"
)

// Check is one readiness probe (database ping, NATS connected, ...).
type Check struct {
	Name  string
	Probe func(ctx context.Context) error
}

// Options configures a Server.
type Options struct {
	// Service is the fully-qualified gRPC service name(s) reported by health.
	Services []string
	Verifier TokenVerifier
	// Clients registers the machine clients and the RPCs each may call;
	// nil registers none.
	Clients *clients.Registry
	// Contractors gives contractors the claims of their live grants
	// (A3.2); nil admits no contractor.
	Contractors ContractorGrants
	// TLS, when set, requires mutual TLS of every caller (mtls.ServerConfig).
	TLS              *tls.Config
	Checks           []Check
	MaxConnectionAge time.Duration
	// CheckInterval is how often readiness is re-evaluated.
	CheckInterval time.Duration
	// Classify, if set, classifies what a handler returned before it
	// becomes a status: the services pass pg.ClassifyOutage, so a driver
	// error a store returned unmapped is still Unavailable when the
	// database is down (this package stays free of the database driver).
	Classify func(error) error
	// Gate, if set, runs before every RPC except health and reflection; an
	// error refuses the call (a service still migrating its database
	// answers Unavailable instead of failing on missing tables).
	Gate func() error
}

// Server is a gRPC server with health tied to readiness.
type Server struct {
	*grpc.Server
	log    *slog.Logger
	opts   Options
	health *health.Server

	mu       sync.Mutex
	draining bool
	serving  atomic.Bool
	recheck  chan struct{}
	failing  map[string]bool // by check name; only watchReadiness uses it
}

// Serving reports whether the last readiness evaluation passed and the
// server is not draining: the same answer gRPC health gives, for probes
// that cannot speak mutual TLS (metrics.Admin.Ready).
func (s *Server) Serving() bool { return s.serving.Load() }

// New builds a Server; register service implementations on s.Server.
func New(log *slog.Logger, opts Options) *Server {
	if opts.CheckInterval == 0 {
		opts.CheckInterval = 2 * time.Second
	}
	kp := keepalive.ServerParameters{MaxConnectionAge: opts.MaxConnectionAge, MaxConnectionAgeGrace: 10 * time.Second,
		Time: 30 * time.Second, Timeout: 10 * time.Second}
	if opts.MaxConnectionAge == 0 {
		kp.MaxConnectionAge = 0
		kp.MaxConnectionAgeGrace = 0
	}
	// Tracing comes first, so every interceptor's log line joins the trace.
	sopts := append(tracing.ServerOptions(),
		grpc.ChainUnaryInterceptor(unary(log, opts)),
		grpc.ChainStreamInterceptor(stream(log, opts)),
		grpc.KeepaliveParams(kp),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 10 * time.Second, PermitWithoutStream: true}),
	)
	if opts.TLS != nil {
		sopts = append(sopts, grpc.Creds(credentials.NewTLS(opts.TLS)))
	}
	gs := grpc.NewServer(sopts...)
	hs := health.NewServer()
	healthpb.RegisterHealthServer(gs, hs)
	reflection.Register(gs)
	s := &Server{Server: gs, log: log, opts: opts, health: hs, recheck: make(chan struct{}, 1),
		failing: map[string]bool{}}
	s.setAll(healthpb.HealthCheckResponse_NOT_SERVING)
	return s
}

// Serve serves on ln and keeps health in step with readiness until ctx
// ends. It returns when the server stops (see Drain).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	go s.watchReadiness(ctx)
	return s.Server.Serve(ln)
}

// Drain reports NOT_SERVING so balancers stop sending new calls, then stops
// gracefully, forcing the stop when ctx ends first.
func (s *Server) Drain(ctx context.Context) error {
	s.mu.Lock()
	s.draining = true
	s.serving.Store(false)
	s.mu.Unlock()
	s.health.Shutdown()
	done := make(chan struct{})
	go func() { s.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		s.Stop()
	}
	return nil
}

// Recheck re-evaluates readiness now instead of at the next interval, e.g.
// as soon as a starting service has migrated its database.
func (s *Server) Recheck() {
	select {
	case s.recheck <- struct{}{}:
	default:
	}
}

func (s *Server) watchReadiness(ctx context.Context) {
	t := time.NewTicker(s.opts.CheckInterval)
	defer t.Stop()
	for {
		s.evaluate(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.recheck:
		}
	}
}

// evaluate runs every check and sets the health status accordingly. A
// check is logged when it starts failing and when it recovers, not on every
// round of an outage.
func (s *Server) evaluate(ctx context.Context) {
	st := healthpb.HealthCheckResponse_SERVING
	for _, c := range s.opts.Checks {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		err := c.Probe(cctx)
		cancel()
		if err != nil {
			st = healthpb.HealthCheckResponse_NOT_SERVING
		}
		switch was := s.failing[c.Name]; {
		case err != nil && !was:
			s.log.Warn("readiness check failing", "check", c.Name, "err", err)
		case err == nil && was:
			s.log.Info("readiness check passing again", "check", c.Name)
		}
		s.failing[c.Name] = err != nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.draining {
		s.setAll(st)
	}
}

func (s *Server) setAll(st healthpb.HealthCheckResponse_ServingStatus) {
	s.serving.Store(st == healthpb.HealthCheckResponse_SERVING)
	s.health.SetServingStatus("", st)
	for _, name := range s.opts.Services {
		s.health.SetServingStatus(name, st)
	}
}
