package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// sourceValues reads the officials' entries of an event's draw sources,
// in the order they were made.
func sourceValues(ctx context.Context, q querier, eventID string) ([]domain.SourceValueEntry, error) {
	rows, err := q.Query(ctx, `SELECT source_id, official, entered_by, value, entered_at FROM draw_source_values
		WHERE event_id = $1 ORDER BY entered_at, official`, eventID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.SourceValueEntry, error) {
		var v domain.SourceValueEntry
		err := r.Scan(&v.SourceID, &v.Official, &v.EnteredBy, &v.Value, &v.EnteredAt)
		v.EnteredAt = v.EnteredAt.UTC()
		return v, err
	})
}

// insertSourceValues keeps the officials' new entries of draw source
// values.
func insertSourceValues(ctx context.Context, tx pgx.Tx, eventID string, vs []domain.SourceValueEntry) error {
	for _, v := range vs {
		if _, err := tx.Exec(ctx, `INSERT INTO draw_source_values (event_id, source_id, official, entered_by, value, entered_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, eventID, v.SourceID, v.Official, v.EnteredBy, v.Value, v.EnteredAt); err != nil {
			return err
		}
	}
	return nil
}
