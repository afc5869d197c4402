package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
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

// EnterSourceValue implements app.Store. The event row lock serializes the
// officials' entries with each other and with the draw, which reads them
// under the same lock.
func (s *Store) EnterSourceValue(ctx context.Context, eventID string, fn func(e *domain.ParticipationEvent) (*domain.SourceValueEntry, error)) (*domain.ParticipationEvent, error) {
	var out *domain.ParticipationEvent
	err := pg.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if out, err = getEvent(ctx, tx, eventID, "FOR UPDATE"); err != nil {
			return err
		}
		v, err := fn(out)
		if err != nil || v == nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO draw_source_values (event_id, source_id, official, entered_by, value, entered_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, eventID, v.SourceID, v.Official, v.EnteredBy, v.Value, v.EnteredAt); err != nil {
			return err
		}
		return s.events.Write(ctx, tx, out.Events()...)
	})
	return out, err
}
