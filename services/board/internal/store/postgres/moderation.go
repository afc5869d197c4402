package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

func (r repo) AddFlags(ctx context.Context, flags []domain.Flag) error {
	for _, f := range flags {
		if _, err := r.q.Exec(ctx, `INSERT INTO flags (item_id, detector, ground, score, evidence, created_at)
			VALUES ($1,$2,$3,$4,$5,$6)`, f.ItemID, f.Detector, f.Ground, f.Score, f.Evidence, f.CreatedAt); err != nil {
			return pg.MapError(err)
		}
	}
	return nil
}

// AddReport stores a report unless the reporter already reported the item;
// then it returns the first report and false.
func (r repo) AddReport(ctx context.Context, rep domain.Report) (domain.Report, bool, error) {
	tag, err := r.q.Exec(ctx, `INSERT INTO reports (id, item_id, reporter_subject, ground, text, created_at)
		VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (item_id, reporter_subject) DO NOTHING`,
		rep.ID, rep.ItemID, rep.ReporterSubject, rep.Ground, rep.Text, rep.CreatedAt)
	if err != nil {
		return rep, false, pg.MapError(err)
	}
	if tag.RowsAffected() == 1 {
		return rep, true, nil
	}
	var first domain.Report
	err = r.q.QueryRow(ctx, `SELECT id, item_id, reporter_subject, ground, text, created_at FROM reports
		WHERE item_id = $1 AND reporter_subject = $2`, rep.ItemID, rep.ReporterSubject).
		Scan(&first.ID, &first.ItemID, &first.ReporterSubject, &first.Ground, &first.Text, &first.CreatedAt)
	return first, false, pg.MapError(err)
}

// Signals returns an item's flags and reports, oldest first.
func (r repo) Signals(ctx context.Context, itemID string) ([]domain.Flag, []domain.Report, error) {
	rows, err := r.q.Query(ctx, `SELECT item_id, detector, ground, score, evidence, created_at
		FROM flags WHERE item_id = $1 ORDER BY id`, itemID)
	if err != nil {
		return nil, nil, pg.MapError(err)
	}
	flags, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Flag, error) {
		var f domain.Flag
		return f, row.Scan(&f.ItemID, &f.Detector, &f.Ground, &f.Score, &f.Evidence, &f.CreatedAt)
	})
	if err != nil {
		return nil, nil, pg.MapError(err)
	}
	rows, err = r.q.Query(ctx, `SELECT id, item_id, reporter_subject, ground, text, created_at
		FROM reports WHERE item_id = $1 ORDER BY created_at, id`, itemID)
	if err != nil {
		return nil, nil, pg.MapError(err)
	}
	reports, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Report, error) {
		var rep domain.Report
		return rep, row.Scan(&rep.ID, &rep.ItemID, &rep.ReporterSubject, &rep.Ground, &rep.Text, &rep.CreatedAt)
	})
	return flags, reports, pg.MapError(err)
}

// OpenCase opens the item's case or raises its urgency; a closed case
// reopens with a new opening time, from which time to decision counts.
func (r repo) OpenCase(ctx context.Context, itemID string, urgency float64, at time.Time) error {
	_, err := r.q.Exec(ctx, `INSERT INTO cases (item_id, open, urgency, opened_at, updated_at)
		VALUES ($1, true, $2, $3, $3)
		ON CONFLICT (item_id) DO UPDATE SET urgency = EXCLUDED.urgency, updated_at = EXCLUDED.updated_at,
			opened_at = CASE WHEN cases.open THEN cases.opened_at ELSE EXCLUDED.opened_at END, open = true`,
		itemID, urgency, at)
	return pg.MapError(err)
}

func (r repo) GetCase(ctx context.Context, itemID string) (app.Case, error) {
	var c app.Case
	err := r.q.QueryRow(ctx, `SELECT item_id, open, urgency, opened_at FROM cases WHERE item_id = $1`, itemID).
		Scan(&c.ItemID, &c.Open, &c.Urgency, &c.OpenedAt)
	return c, pg.MapError(err)
}

func (r repo) CloseCase(ctx context.Context, itemID string) error {
	_, err := r.q.Exec(ctx, `UPDATE cases SET open = false, updated_at = now() WHERE item_id = $1`, itemID)
	return pg.MapError(err)
}

// Queue lists open cases by urgency, then id, after a keyset cursor.
func (r repo) Queue(ctx context.Context, after *app.QueueCursor, limit int) ([]app.Case, error) {
	var u float64
	var id *string
	if after != nil {
		u, id = after.Urgency, &after.ItemID
	}
	rows, err := r.q.Query(ctx, `SELECT item_id, open, urgency, opened_at FROM cases
		WHERE open AND ($1::uuid IS NULL OR urgency < $2 OR (urgency = $2 AND item_id > $1::uuid))
		ORDER BY urgency DESC, item_id LIMIT $3`, id, u, limit)
	if err != nil {
		return nil, pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (app.Case, error) {
		var c app.Case
		return c, row.Scan(&c.ItemID, &c.Open, &c.Urgency, &c.OpenedAt)
	})
	return list, pg.MapError(err)
}
