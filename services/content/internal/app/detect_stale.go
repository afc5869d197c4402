package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// staleBatch bounds one claim so a transaction stays short.
const staleBatch = 100

// DetectStale announces every published item whose review became overdue
// (A4.1), once per transition; the stale-detector job runs it. Replicas run
// it concurrently: each claims different rows, and an announced item is
// marked in the same transaction as its event. It drains what is due in
// batches and returns how many items it announced.
func (a *App) DetectStale(ctx context.Context) (int, error) {
	total := 0
	for {
		announced, now := 0, a.now()
		seen, err := a.items.ClaimStale(ctx, now, staleBatch, func(it *domain.Item) error {
			if it.AnnounceStale(now) {
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
