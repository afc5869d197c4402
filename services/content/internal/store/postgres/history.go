package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// History reads the append-only tables the scorecard is computed from.
type History struct{ s *Store }

// SnapshotAt rebuilds, from item_history alone, every item that was
// published at instant at: each item's latest entry before at, unless that
// entry archived it. Rows written later cannot change the answer for a
// past instant, and the tables refuse updates and deletes (A4.3).
func (r *History) SnapshotAt(ctx context.Context, at time.Time) ([]domain.Snapshot, error) {
	rows, err := r.s.db.Query(ctx, `SELECT item_id::text, department_code, kind, review_due, current_languages
		FROM (SELECT DISTINCT ON (item_id) item_id, action, department_code, kind, review_due, current_languages
			FROM item_history WHERE at < $1 ORDER BY item_id, at DESC, id DESC) latest
		WHERE action <> 'archived' ORDER BY item_id`, at)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Snapshot, error) {
		var s domain.Snapshot
		var due *time.Time
		err := row.Scan(&s.ItemID, &s.DepartmentCode, &s.Kind, &due, &s.Languages)
		s.ReviewDue = deref(due)
		return s, err
	})
	return out, pg.MapError(err)
}

// FeedbackBetween totals feedback given in [from, to) per department.
func (r *History) FeedbackBetween(ctx context.Context, from, to time.Time) (map[string]domain.FeedbackSummary, error) {
	rows, err := r.s.db.Query(ctx, `SELECT department_code, count(*) FILTER (WHERE helpful),
		count(*) FILTER (WHERE NOT helpful) FROM feedback
		WHERE created_at >= $1 AND created_at < $2 GROUP BY department_code`, from, to)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out := map[string]domain.FeedbackSummary{}
	var code string
	var s domain.FeedbackSummary
	_, err = pgx.ForEachRow(rows, []any{&code, &s.Helpful, &s.NotHelpful}, func() error {
		out[code] = s
		return nil
	})
	return out, pg.MapError(err)
}
