package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// staleBatch bounds one claim so a transaction stays short.
const staleBatch = 100

// DetectStale announces every published item whose review became overdue
// (A4.1), once per transition. Replicas run it concurrently: each claims
// different rows, and an announced item is marked in the same transaction
// as its event. It returns how many items it announced.
func (a *App) DetectStale(ctx context.Context) (int, error) {
	total := 0
	for {
		announced := 0
		seen, err := a.items.ClaimStale(ctx, a.now(), staleBatch, func(it *domain.Item) error {
			if it.AnnounceStale(a.now()) {
				announced++
			}
			return nil
		})
		total += announced
		if err != nil || seen < staleBatch || announced == 0 {
			return total, err
		}
	}
}

// RunStaleDetector runs DetectStale every interval until ctx ends.
func (a *App) RunStaleDetector(ctx context.Context, interval time.Duration, onErr func(error)) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := a.DetectStale(ctx); err != nil && ctx.Err() == nil {
			onErr(err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
