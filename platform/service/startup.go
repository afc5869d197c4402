package service

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/pg"
)

// startup tracks what a starting service still waits for. A service never
// exits because PostgreSQL or NATS is unreachable: it keeps trying with
// capped backoff, reports NOT_SERVING meanwhile, and serves as soon as they
// are back (issue 22: "start and heal without a human").
type startup struct {
	migrated atomic.Bool // the schema is current and Prepare done: RPCs may run
	streams  atomic.Bool // the service's streams exist: events flow
}

// errStarting refuses RPCs before the schema is current, so a request never
// meets a missing table; the caller may retry (HTTP 503 at the edge).
var errStarting = errs.Unavailable("SERVICE_STARTING")

func (s *startup) gate() error {
	if !s.migrated.Load() {
		return errStarting
	}
	return nil
}

// done is the readiness check of the startup itself.
func (s *startup) done() error {
	switch {
	case !s.migrated.Load():
		return errors.New("waiting for the database (migrations not applied yet)")
	case !s.streams.Load():
		return errors.New("waiting for NATS (streams not provisioned yet)")
	}
	return nil
}

// migrate applies the migrations, then the service's Prepare steps, each
// retried until it succeeds or ctx ends.
func (s *startup) migrate(ctx context.Context, d *Deps, migrations fs.FS) bool {
	ok := retry(ctx, d.Log, "database migrations", func(ctx context.Context) error {
		return pg.Migrate(ctx, d.Pool, migrations)
	})
	for _, p := range d.prepares {
		ok = ok && retry(ctx, d.Log, p.name, p.run)
	}
	s.migrated.Store(ok)
	d.GRPC.Recheck()
	return ok
}

// ensureStreams provisions the service's stream and dead-letter stream,
// retrying until NATS answers or ctx ends.
func (s *startup) ensureStreams(ctx context.Context, d *Deps, service string) {
	ok := retry(ctx, d.Log, "NATS streams", func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if _, err := messaging.EnsureStream(ctx, d.JS, service, d.Config.StreamReplicas); err != nil {
			return err
		}
		_, err := messaging.EnsureDeadLetterStream(ctx, d.JS, service, d.Config.StreamReplicas)
		return err
	})
	s.streams.Store(ok)
	d.GRPC.Recheck()
}

// Backoff between startup attempts: from first, doubling, capped at most.
const (
	firstRetry = 250 * time.Millisecond
	maxRetry   = 10 * time.Second
)

// retry runs fn until it succeeds (true) or ctx ends (false), logging each
// failure so an operator sees what the service waits for.
func retry(ctx context.Context, log *slog.Logger, what string, fn func(context.Context) error) bool {
	wait := firstRetry
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		if err == nil {
			if attempt > 1 {
				log.Info("dependency available, continuing start", "step", what, "attempts", attempt)
			}
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		log.Warn("waiting before retrying start step", "step", what, "attempt", attempt, "retry_in", wait.String(), "err", err)
		select {
		case <-ctx.Done():
			return false
		case <-time.After(wait):
		}
		wait = min(2*wait, maxRetry)
	}
}
