// Package service is the common boot sequence of the services, so each
// main.go stays a few lines and every service starts, reports readiness and
// stops the same way:
//
//	load config → logger → lazy pool and NATS connection → gRPC server
//	(health NOT_SERVING, RPCs refused as Unavailable) + metrics → migrate
//	(retried until the database answers) → outbox relay and the service's
//	own workers → streams (retried until NATS answers) → SERVING
//
// An unreachable database or NATS never stops the service, at start or
// later: it waits with capped backoff, reports NOT_SERVING, and serves
// again once they are back.
//
// and on SIGINT/SIGTERM: health NOT_SERVING → GracefulStop → workers stop →
// drain NATS → close pool, within SHUTDOWN_TIMEOUT.
package service

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/contractors"
	"github.com/seoul-gov/homepage/platform/deadletter"
	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/tracing"
)

// Config is what every service reads from the environment.
type Config struct {
	config.Log
	config.Server
	config.Postgres
	config.NATS
	config.Auth
	config.TLS
	tracing.Config
}

// Subconfigs lets config.Load validate the embedded parts.
func (c *Config) Subconfigs() []config.Validator {
	return []config.Validator{c.Log, c.Server, c.Postgres, c.NATS, c.Auth, c.TLS, c.Config}
}

// Spec describes one service to Main.
type Spec struct {
	// Name is the short service name: content, board, petition, event,
	// mileage, privacy. It names the stream, the logs and the metrics.
	Name string
	// GRPCServices are the full names reported by the health service.
	GRPCServices []string
	// Migrations is the embedded directory of numbered .sql files.
	Migrations fs.FS
	// Extra, if set, is a pointer to the service's own config struct,
	// loaded from the environment with the base config.
	Extra any
	// Register wires the service: gRPC handlers on d.GRPC, consumers via
	// d.Consume, jobs via d.Go, start-up work on the database via
	// d.Prepare. It runs before the database is reachable (a service starts
	// while its database is down), so it must not use d.Pool itself.
	Register func(ctx context.Context, d *Deps) error
}

// Deps is what Register gets to build the service from.
type Deps struct {
	Config Config
	Log    *slog.Logger
	Pool   *pgxpool.Pool
	NC     *nats.Conn
	JS     jetstream.JetStream
	GRPC   *grpcserver.Server
	Relay  *outbox.Relay

	access      access
	contractors *contractors.Watcher
	workers     []worker
	prepares    []worker
	startup     *startup
	deadLetters *deadletter.Server
}

type worker struct {
	name string
	run  func(ctx context.Context) error
}

// Go runs fn as a background worker for the life of the service. Workers
// must return when ctx ends.
func (d *Deps) Go(name string, fn func(ctx context.Context) error) {
	d.workers = append(d.workers, worker{name: name, run: fn})
}

// Prepare adds work that must run on the migrated database before the
// service takes requests (e.g. masking text stored by an older version).
// It runs after the migrations, in the order added, and is retried with
// capped backoff until it succeeds, so it must be safe to repeat (and,
// with replicas, to run concurrently).
func (d *Deps) Prepare(name string, fn func(ctx context.Context) error) {
	d.prepares = append(d.prepares, worker{name: name, run: fn})
}

// Consume runs consumer r for the life of the service, like Go, and makes
// its dead letters listable and replayable through the service's
// DeadLetterService (seoul.ops.v1). Every consumer is started this way.
func (d *Deps) Consume(r *consumer.Runner) {
	d.deadLetters.Add(r)
	d.Go("consumer-"+r.Name(), r.Run)
}

// Main runs the service binary: `<name>` serves, `<name> migrate` applies
// migrations and exits. It returns the process exit code.
func Main(spec Spec) int {
	if len(os.Args) > 1 && os.Args[1] == "migrate" {
		return exit(migrateOnly(spec))
	}
	if len(os.Args) > 1 {
		fmt.Fprintf(os.Stderr, "usage: %s [migrate]\n", spec.Name)
		return 2
	}
	return exit(Run(spec))
}

func exit(err error) int {
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	return 0
}

// FromEnv builds a Spec whose own configuration (type C) is loaded from the
// environment before Register runs, from specWith, the function tests call
// with a filled configuration instead.
func FromEnv[C any](specWith func(*C) Spec) Spec {
	cfg := new(C)
	s := specWith(cfg)
	s.Extra = cfg
	return s
}
