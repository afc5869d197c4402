package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// List pages through items matching f, newest first: by publication time
// for published items, by last change otherwise.
func (r *Items) List(ctx context.Context, f app.ItemFilter, p pagetoken.Page) ([]*domain.Item, string, error) {
	query := pagetoken.Fingerprint("list", f)
	cur, err := after(p.Token, query)
	if err != nil {
		return nil, "", err
	}
	sortCol := "i.updated_at"
	if f.Status == domain.StatusPublished {
		sortCol = "i.published_at"
	}
	at, _, id := cur.keysetArgs()
	items, err := r.all(ctx, itemSelect(false)+`
		WHERE i.status = $1 AND ($2 = '' OR i.kind = $2) AND ($3 = '' OR i.department_code = $3)
		AND ($4 = '' OR i.tags @> ARRAY[$4])
		AND ($5 = '' OR $5 = 'ko' OR EXISTS (SELECT 1 FROM item_texts t WHERE t.item_id = i.id
			AND (t.language = $5 OR split_part(t.language, '-', 1) = $5) AND t.based_on_ko >= i.ko_version))
		AND ($6::timestamptz IS NULL OR (`+sortCol+`, i.id) < ($6, $7::uuid))
		ORDER BY `+sortCol+` DESC, i.id DESC LIMIT $8`,
		f.Status, f.Kind, f.Department, f.Tag, f.Language, at, id, p.Size+1)
	if err != nil {
		return nil, "", err
	}
	items, next := pagetoken.Cut(items, p.Size, func(it *domain.Item) string {
		t := it.UpdatedAt
		if f.Status == domain.StatusPublished {
			t = it.PublishedAt
		}
		return pagetoken.EncodeFor(query, position{At: t, ID: it.ID})
	})
	return items, next, nil
}

// ListStale pages through a department's published items overdue at now,
// oldest due first (A4.1).
func (r *Items) ListStale(ctx context.Context, department string, now time.Time, p pagetoken.Page) ([]*domain.Item, string, error) {
	query := pagetoken.Fingerprint("stale", department)
	cur, err := after(p.Token, query)
	if err != nil {
		return nil, "", err
	}
	at, _, id := cur.keysetArgs()
	items, err := r.all(ctx, itemSelect(false)+`
		WHERE i.status = 'published' AND i.department_code = $1 AND i.next_review_due <= $2
		AND ($3::timestamptz IS NULL OR (i.next_review_due, i.id) > ($3, $4::uuid))
		ORDER BY i.next_review_due, i.id LIMIT $5`, department, now, at, id, p.Size+1)
	if err != nil {
		return nil, "", err
	}
	items, next := pagetoken.Cut(items, p.Size, func(it *domain.Item) string {
		return pagetoken.EncodeFor(query, position{At: it.NextReviewDue, ID: it.ID})
	})
	return items, next, nil
}

// all runs an itemSelect query and reads every row.
func (r *Items) all(ctx context.Context, sql string, args ...any) ([]*domain.Item, error) {
	rows, err := r.s.db.Query(ctx, sql, args...)
	if err != nil {
		return nil, pg.MapError(err)
	}
	items, err := pgx.CollectRows(rows, scanItem)
	return items, pg.MapError(err)
}
