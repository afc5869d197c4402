package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// List pages through items matching f, newest first: by publication time
// for published items, by last change otherwise.
func (r *Items) List(ctx context.Context, f app.ItemFilter, p app.Page) ([]*domain.Item, string, error) {
	filter := fingerprint("list", f)
	cur, err := decodeCursor(p.Token, filter)
	if err != nil {
		return nil, "", err
	}
	sortCol := "i.updated_at"
	if f.Status == domain.StatusPublished {
		sortCol = "i.published_at"
	}
	at, _, id := cur.keysetArgs()
	rows, err := r.s.db.Query(ctx, itemSelect(false)+`
		WHERE i.status = $1 AND ($2 = '' OR i.kind = $2) AND ($3 = '' OR i.department_code = $3)
		AND ($4 = '' OR i.tags @> ARRAY[$4])
		AND ($5 = '' OR $5 = 'ko' OR EXISTS (SELECT 1 FROM item_texts t WHERE t.item_id = i.id
			AND (t.language = $5 OR split_part(t.language, '-', 1) = $5) AND t.based_on_ko >= i.ko_version))
		AND ($6::timestamptz IS NULL OR (`+sortCol+`, i.id) < ($6, $7::uuid))
		ORDER BY `+sortCol+` DESC, i.id DESC LIMIT $8`,
		f.Status, f.Kind, f.Department, f.Tag, f.Language, at, id, p.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	items, err := pgx.CollectRows(rows, scanItem)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	return pageOf(items, p.Size, func(it *domain.Item) cursor {
		t := it.UpdatedAt
		if f.Status == domain.StatusPublished {
			t = it.PublishedAt
		}
		return cursor{Filter: filter, At: t, ID: it.ID}
	})
}

// ListStale pages through a department's published items overdue at now,
// oldest due first (A4.1).
func (r *Items) ListStale(ctx context.Context, department string, now time.Time, p app.Page) ([]*domain.Item, string, error) {
	filter := fingerprint("stale", department)
	cur, err := decodeCursor(p.Token, filter)
	if err != nil {
		return nil, "", err
	}
	at, _, id := cur.keysetArgs()
	rows, err := r.s.db.Query(ctx, itemSelect(false)+`
		WHERE i.status = 'published' AND i.department_code = $1 AND i.next_review_due <= $2
		AND ($3::timestamptz IS NULL OR (i.next_review_due, i.id) > ($3, $4::uuid))
		ORDER BY i.next_review_due, i.id LIMIT $5`, department, now, at, id, p.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	items, err := pgx.CollectRows(rows, scanItem)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	return pageOf(items, p.Size, func(it *domain.Item) cursor {
		return cursor{Filter: filter, At: it.NextReviewDue, ID: it.ID}
	})
}

// pageOf cuts one extra row fetched beyond size into a next-page token.
func pageOf[T any](rows []T, size int, next func(T) cursor) ([]T, string, error) {
	if len(rows) <= size {
		return rows, "", nil
	}
	rows = rows[:size]
	return rows, next(rows[size-1]).token(), nil
}
