// Package lifecycle runs a process's components and stops them in order.
// Shutdown order matters: stop answering health checks first so load
// balancers drain us, then stop serving, then drain NATS, then close the
// database pool that the earlier steps still use.
package lifecycle

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// SignalContext is cancelled on SIGINT or SIGTERM.
func SignalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// Step is one named shutdown action.
type Step struct {
	Name string
	Stop func(ctx context.Context) error
}

// Shutdown collects stop steps and runs them in the order added.
type Shutdown struct {
	steps []Step
	log   *slog.Logger
}

// NewShutdown returns an empty shutdown sequence.
func NewShutdown(log *slog.Logger) *Shutdown { return &Shutdown{log: log} }

// Add appends a step.
func (s *Shutdown) Add(name string, stop func(ctx context.Context) error) {
	s.steps = append(s.steps, Step{Name: name, Stop: stop})
}

// Run executes every step within timeout, even when earlier ones fail, and
// joins their errors.
func (s *Shutdown) Run(timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var all []error
	for _, st := range s.steps {
		start := time.Now()
		if err := st.Stop(ctx); err != nil {
			all = append(all, err)
			s.log.Error("shutdown step failed", "step", st.Name, "err", err)
			continue
		}
		s.log.Debug("shutdown step done", "step", st.Name, "took", time.Since(start))
	}
	return errors.Join(all...)
}
