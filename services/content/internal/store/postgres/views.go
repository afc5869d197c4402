package postgres

import (
	"context"
	"maps"
	"slices"
	"sync"

	"github.com/seoul-gov/homepage/platform/pg"
)

// ViewBuffer counts item views in memory and adds them to item_view_counts
// in one statement per flush, so reading an item never writes or locks its
// row. Each replica keeps its own buffer; additions commute, so replicas
// never conflict. A crash loses at most one interval of counts, which is
// acceptable for a popularity figure (see README).
type ViewBuffer struct {
	db pg.DB

	mu      sync.Mutex
	pending map[string]int64
}

// NewViewBuffer returns an empty buffer over db.
func NewViewBuffer(db pg.DB) *ViewBuffer {
	return &ViewBuffer{db: db, pending: map[string]int64{}}
}

// Record counts one view of item id.
func (b *ViewBuffer) Record(id string) {
	b.mu.Lock()
	b.pending[id]++
	b.mu.Unlock()
}

// Flush writes the buffered counts and reports for how many items. On
// failure they are put back, so a database outage delays counts instead of
// losing them.
func (b *ViewBuffer) Flush(ctx context.Context) (int, error) {
	b.mu.Lock()
	batch := b.pending
	b.pending = map[string]int64{}
	b.mu.Unlock()
	if len(batch) == 0 {
		return 0, nil
	}
	// Sorted ids make concurrent flushes of replicas lock rows in the same
	// order, so they cannot deadlock.
	ids := slices.Sorted(maps.Keys(batch))
	counts := make([]int64, len(ids))
	for i, id := range ids {
		counts[i] = batch[id]
	}
	_, err := b.db.Exec(ctx, `INSERT INTO item_view_counts AS c (item_id, views)
		SELECT * FROM unnest($1::uuid[], $2::bigint[])
		ON CONFLICT (item_id) DO UPDATE SET views = c.views + EXCLUDED.views, updated_at = now()`, ids, counts)
	if err != nil {
		b.mu.Lock()
		for id, n := range batch {
			b.pending[id] += n
		}
		b.mu.Unlock()
		return 0, err
	}
	return len(ids), nil
}
