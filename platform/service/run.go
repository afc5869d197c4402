package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"

	opsv1 "github.com/seoul-gov/homepage/gen/seoul/ops/v1"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/contractors"
	"github.com/seoul-gov/homepage/platform/deadletter"
	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/lifecycle"
	"github.com/seoul-gov/homepage/platform/logging"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/metrics"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/tracing"
)

// Run boots the service and blocks until SIGINT/SIGTERM, then shuts down.
func Run(spec Spec) error {
	ctx, stop := lifecycle.SignalContext()
	defer stop()
	cfg, err := load(spec)
	if err != nil {
		return err
	}
	return Serve(ctx, spec, cfg)
}

func load(spec Spec) (Config, error) {
	var cfg Config
	if err := config.Load(&cfg); err != nil {
		return cfg, err
	}
	if spec.Extra != nil {
		if err := config.Load(spec.Extra); err != nil {
			return cfg, err
		}
	}
	return cfg, nil
}

// Serve runs the service with cfg until ctx ends, listening on the
// configured addresses.
func Serve(ctx context.Context, spec Spec, cfg Config) error {
	grpcLn, err := net.Listen("tcp", cfg.GRPCAddr)
	if err != nil {
		return fmt.Errorf("listen GRPC_ADDR: %w", err)
	}
	metricsLn, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		grpcLn.Close()
		return fmt.Errorf("listen METRICS_ADDR: %w", err)
	}
	return ServeOn(ctx, spec, cfg, grpcLn, metricsLn)
}

// ServeOn is Serve on listeners opened by the caller (tests use port 0).
// It does not wait for PostgreSQL or NATS: the service serves health
// (NOT_SERVING) at once and becomes ready when they are reachable.
func ServeOn(ctx context.Context, spec Spec, cfg Config, grpcLn, metricsLn net.Listener) error {
	log := logging.New(cfg.Log, spec.Name)
	stopTracing, err := tracing.Setup(ctx, cfg.Config, spec.Name)
	if err != nil {
		grpcLn.Close()
		metricsLn.Close()
		return err
	}
	defer func() { _ = stopTracing(context.WithoutCancel(ctx)) }() // flush spans last
	d, err := wire(ctx, spec, cfg, log)
	if err != nil {
		grpcLn.Close()
		metricsLn.Close()
		return err
	}
	log.Info("serving", "grpc", grpcLn.Addr().String(), "metrics", metricsLn.Addr().String())
	return serve(ctx, spec, d, grpcLn, metricsLn, cfg, log)
}

// wire builds the service without touching its dependencies: the pool and
// the NATS connection connect lazily (and reconnect forever), so only bad
// configuration or wiring can fail here, never an outage.
func wire(ctx context.Context, spec Spec, cfg Config, log *slog.Logger) (*Deps, error) {
	acc, err := loadAccess(cfg)
	if err != nil {
		return nil, err
	}
	pool, err := pg.Open(cfg.Postgres)
	if err != nil {
		return nil, err
	}
	nc, js, err := messaging.Connect(cfg.NATS, spec.Name, log)
	if err != nil {
		pool.Close()
		return nil, err
	}
	st := &startup{}
	grants := contractors.NewWatcher(js, spec.Name, nil, log)
	verifier := identity.NewVerifier(cfg.Issuer, cfg.Audience, identity.KeySourceFor(cfg.JWKSFile, cfg.JWKSURL))
	gs := grpcserver.New(log, grpcserver.Options{
		Services: spec.GRPCServices, Verifier: verifier, MaxConnectionAge: cfg.MaxConnectionAge, Gate: st.gate,
		Classify: pg.ClassifyOutage, Clients: acc.clients, Contractors: grants, TLS: acc.serverTLS,
		Checks: []grpcserver.Check{
			{Name: "startup", Probe: func(context.Context) error { return st.done() }},
			{Name: "postgres", Probe: func(ctx context.Context) error { return pool.Ping(ctx) }},
			{Name: "nats", Probe: func(context.Context) error { return messaging.Ready(nc) }},
		},
	})
	d := &Deps{Config: cfg, Log: log, Pool: pool, NC: nc, JS: js, GRPC: gs, Relay: outbox.NewRelay(pool, js, log),
		access: acc, contractors: grants, startup: st, deadLetters: deadletter.New(spec.Name, js, log)}
	opsv1.RegisterDeadLetterServiceServer(gs, d.deadLetters)
	if err := spec.Register(ctx, d); err != nil {
		nc.Close()
		pool.Close()
		return nil, fmt.Errorf("register %s: %w", spec.Name, err)
	}
	return d, nil
}

// serve runs the gRPC server and metrics at once; the relay and the
// workers start once the database is migrated. It shuts down in order when
// ctx ends or any component fails.
func serve(ctx context.Context, spec Spec, d *Deps, grpcLn, metricsLn net.Listener, cfg Config, log *slog.Logger) error {
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	g := &group{ctx: runCtx, errc: make(chan error, len(d.workers)+4)}
	g.start("grpc", func(ctx context.Context) error { return d.GRPC.Serve(ctx, grpcLn) })
	g.start("contractor-grants", d.contractors.Run)
	g.start("metrics", func(ctx context.Context) error {
		return metrics.Serve(ctx, metricsLn, metrics.Admin{Pprof: cfg.PprofEnabled, Ready: d.GRPC.Serving})
	})
	g.start("startup", func(ctx context.Context) error {
		if !d.startup.migrate(ctx, d, spec.Migrations) {
			return nil // stopped while waiting
		}
		g.start("outbox-relay", d.Relay.Run)
		for _, w := range d.workers {
			g.start(w.name, w.run)
		}
		d.startup.ensureStreams(ctx, d, spec.Name)
		return nil
	})
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-g.errc:
		log.Error("component failed, shutting down", "err", runErr)
	}
	log.Info("shutting down")
	// Stop the gRPC server first (health NOT_SERVING, then drain), then let
	// workers finish, then NATS and the pool via the shutdown steps.
	sd := lifecycle.NewShutdown(log)
	sd.Add("grpc", d.GRPC.Drain)
	sd.Add("workers", func(ctx context.Context) error { cancel(); return waitCtx(ctx, &g.wg) })
	sd.Add("nats", func(context.Context) error { return d.NC.Drain() })
	sd.Add("postgres", func(context.Context) error { d.Pool.Close(); return nil })
	return errors.Join(runErr, sd.Run(cfg.ShutdownTimeout))
}

// group runs the service's components; the first failure is reported on
// errc. Components may start others (the startup step starts the workers).
type group struct {
	ctx  context.Context
	wg   sync.WaitGroup
	errc chan error
}

func (g *group) start(name string, fn func(context.Context) error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := fn(g.ctx); err != nil && g.ctx.Err() == nil {
			select {
			case g.errc <- fmt.Errorf("%s: %w", name, err):
			default: // one failure is enough to shut down
			}
		}
	}()
}

func waitCtx(ctx context.Context, wg *sync.WaitGroup) error {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return errors.New("workers did not stop in time")
	}
}

func migrateOnly(spec Spec) error {
	cfg, err := load(spec)
	if err != nil {
		return err
	}
	ctx, stop := lifecycle.SignalContext()
	defer stop()
	pool, err := pg.Connect(ctx, cfg.Postgres)
	if err != nil {
		return err
	}
	defer pool.Close()
	return pg.Migrate(ctx, pool, spec.Migrations)
}
