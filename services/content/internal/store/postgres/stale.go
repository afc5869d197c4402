package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ClaimStale locks up to limit published items overdue at now whose
// staleness was not announced yet. SKIP LOCKED lets replicas run the job at
// the same time, each on different rows; fn marks the item announced and
// records its event, stored in the same transaction, so every transition
// to stale is announced exactly once (A4.1).
func (r *Items) ClaimStale(ctx context.Context, now time.Time, limit int, fn func(*domain.Item) error) (int, error) {
	seen := 0
	err := r.s.db.InTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, itemSelect(true)+` WHERE i.id IN (
			SELECT id FROM items WHERE status = 'published' AND stale_announced_at IS NULL
			AND next_review_due <= $1 ORDER BY next_review_due LIMIT $2 FOR UPDATE SKIP LOCKED)`, now, limit)
		if err != nil {
			return err
		}
		items, err := pgx.CollectRows(rows, scanItem)
		if err != nil {
			return err
		}
		seen = len(items)
		for _, it := range items {
			if err := r.apply(ctx, tx, it, fn); err != nil {
				return err
			}
		}
		return nil
	})
	return seen, err
}
