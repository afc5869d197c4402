// Package periodic runs a service's scheduled jobs (stale detection, due
// announcements, expiry, closers, key rewrapping) one way: on a ticker, with
// failures logged and counted the same way in every service, until the
// service stops.
//
// A job is safe with N replicas because of what it runs, not because of
// the loop: each run claims its rows (FOR UPDATE SKIP LOCKED, or an advisory
// lock for a singleton) and makes its effect idempotent, so two replicas
// ticking at once never do a piece of work twice.
package periodic

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/seoul-gov/homepage/platform/metrics"
)

// Job is one scheduled job of a service.
type Job struct {
	// Name names the job in logs and metrics, e.g. "stale-detector".
	Name string
	// Interval is the time between the end of one run and the start of the
	// next tick.
	Interval time.Duration
	// Run does the work due now and reports how many things it handled.
	// It should drain what is due (in short transactions), so a backlog
	// does not wait for the next tick.
	Run func(ctx context.Context) (int, error)
	// Delay waits one interval before the first run instead of running at
	// once (the rewrap job lets a rolling deploy finish first).
	Delay bool
	// Final, if set, runs once after the last tick with a fresh deadline of
	// FinalTimeout, so buffered work (counted page views) is not lost on a
	// graceful stop.
	Final        func(ctx context.Context) error
	FinalTimeout time.Duration
}

var (
	runs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "job_runs_total", Help: "Scheduled job runs, by job and outcome (ok, failed).",
	}, []string{"job", "outcome"})
	handled = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "job_items_total", Help: "Things scheduled jobs handled, by job.",
	}, []string{"job"})
)

func init() { metrics.Registry.MustRegister(runs, handled) }

// Loop runs the job every interval until ctx ends. It never returns an
// error for a failed run: a job that fails keeps its service up and is
// retried at the next tick, with every failure logged and counted.
func (j Job) Loop(ctx context.Context, log *slog.Logger) error {
	log = log.With("job", j.Name)
	t := time.NewTicker(j.Interval)
	defer t.Stop()
	defer j.final(ctx, log)
	if j.Delay && !wait(ctx, t.C) {
		return nil
	}
	failures := 0
	for {
		failures = j.runOnce(ctx, log, failures)
		if !wait(ctx, t.C) {
			return nil
		}
	}
}

// runOnce runs the job and returns the number of consecutive failures.
func (j Job) runOnce(ctx context.Context, log *slog.Logger, failures int) int {
	n, err := j.Run(ctx)
	if n > 0 {
		handled.WithLabelValues(j.Name).Add(float64(n))
		log.Info("job ran", "handled", n)
	}
	switch {
	case err == nil:
		runs.WithLabelValues(j.Name, "ok").Inc()
		if failures > 0 {
			log.Info("job recovered", "after_failures", failures)
		}
		return 0
	case ctx.Err() != nil:
		return failures // stopping: not a failure of the job
	}
	runs.WithLabelValues(j.Name, "failed").Inc()
	log.Warn("job failed, retrying at the next tick", "err", err, "consecutive_failures", failures+1)
	return failures + 1
}

func (j Job) final(ctx context.Context, log *slog.Logger) {
	if j.Final == nil {
		return
	}
	timeout := j.FinalTimeout
	if timeout == 0 {
		timeout = 5 * time.Second
	}
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	defer cancel()
	if err := j.Final(fctx); err != nil {
		log.Warn("job's final run failed", "err", err)
	}
}

func wait(ctx context.Context, tick <-chan time.Time) bool {
	select {
	case <-ctx.Done():
		return false
	case <-tick:
		return true
	}
}
