package periodic_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/periodic"
)

// recorder collects runs and lets the test wait for the n-th.
type recorder struct {
	mu   sync.Mutex
	runs int
	next chan int
}

func newRecorder() *recorder { return &recorder{next: make(chan int, 100)} }

func (r *recorder) run(fail func(n int) error) func(context.Context) (int, error) {
	return func(context.Context) (int, error) {
		r.mu.Lock()
		r.runs++
		n := r.runs
		r.mu.Unlock()
		r.next <- n
		return 1, fail(n)
	}
}

func waitRun(t *testing.T, r *recorder, want int) {
	t.Helper()
	for {
		select {
		case n := <-r.next:
			if n >= want {
				return
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("run %d never happened", want)
		}
	}
}

func TestJobRunsAtOnceThenEveryIntervalAndSurvivesFailures(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil))
	r := newRecorder()
	job := periodic.Job{Name: "test-job", Interval: 5 * time.Millisecond,
		Run: r.run(func(n int) error {
			if n == 2 {
				return errors.New("database unavailable")
			}
			return nil
		})}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- job.Loop(ctx, log) }()
	waitRun(t, r, 4) // a failed second run did not stop the job
	cancel()
	require.NoError(t, <-done)
	out := logs.String()
	require.Contains(t, out, "job failed, retrying at the next tick")
	require.Contains(t, out, "database unavailable")
	require.Contains(t, out, "job recovered")
}

func TestDelayedJobWaitsOneIntervalAndFinalRunsOnStop(t *testing.T) {
	t.Parallel()
	r := newRecorder()
	finals := make(chan error, 1)
	job := periodic.Job{Name: "delayed", Interval: time.Hour, Delay: true, Run: r.run(func(int) error { return nil }),
		Final: func(ctx context.Context) error {
			finals <- ctx.Err()
			return nil
		}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- job.Loop(ctx, slog.New(slog.DiscardHandler)) }()
	cancel()
	require.NoError(t, <-done)
	require.Len(t, finals, 1)
	require.NoError(t, <-finals, "the final run gets a live context although the service is stopping")
	r.mu.Lock()
	defer r.mu.Unlock()
	require.Zero(t, r.runs, "a delayed job stopped within its first interval never ran")
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
