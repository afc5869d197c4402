// Package jobs holds the event service's scheduled work.
package jobs

import (
	"context"
	"log/slog"
	"time"
)

// Closer closes participation events whose entry period has ended, so the
// entry list digest is published even when no official presses close. Safe
// with N replicas: each close locks the event row and a second attempt
// finds it closed.
type Closer struct {
	Due      func(ctx context.Context, now time.Time, limit int) ([]string, error)
	Close    func(ctx context.Context, id string) error
	Now      func() time.Time
	Interval time.Duration
	Log      *slog.Logger
}

// Run closes due events every Interval until ctx ends.
func (c *Closer) Run(ctx context.Context) error {
	t := time.NewTicker(c.Interval)
	defer t.Stop()
	for {
		c.Once(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Once closes what is due now.
func (c *Closer) Once(ctx context.Context) {
	ids, err := c.Due(ctx, c.Now(), 100)
	if err != nil {
		if ctx.Err() == nil {
			c.Log.Warn("closer: listing due participation events failed", "err", err)
		}
		return
	}
	for _, id := range ids {
		if err := c.Close(ctx, id); err != nil && ctx.Err() == nil {
			c.Log.Warn("closer: closing participation event failed", "event_id", id, "err", err)
		}
	}
}
