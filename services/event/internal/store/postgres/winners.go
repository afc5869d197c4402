package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

const winnerColumns = `w.id::text, w.event_id::text, w.rank, w.entry_id::text, n.subject_id, w.masked_name,
	w.prize_id, w.prize_kind, w.unit_value, n.name_token, n.phone_token, w.delivered_at, w.delivered_by, w.note`

func scanWinner(row pgx.Row) (domain.Winner, error) {
	var w domain.Winner
	var kind string
	var delivered *time.Time
	err := row.Scan(&w.ID, &w.EventID, &w.Rank, &w.EntryID, &w.SubjectID, &w.MaskedName, &w.PrizeID, &kind,
		&w.UnitValue, &w.Contact.Name, &w.Contact.Phone, &delivered, &w.DeliveredBy, &w.Note)
	w.PrizeKind, w.DeliveredAt, w.Delivered = domain.PrizeKind(kind), deref(delivered), delivered != nil
	return w, pg.MapError(err)
}

// insertWinners keeps the winners of a draw (none: no draw in this
// change).
func insertWinners(ctx context.Context, tx pgx.Tx, eventID string, ws []domain.Winner) error {
	if len(ws) == 0 {
		return nil
	}
	for _, w := range ws {
		if _, err := tx.Exec(ctx, `INSERT INTO winners (id, event_id, rank, entry_id, masked_name, prize_id,
			prize_kind, unit_value, delivered_at, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
			w.ID, w.EventID, w.Rank, w.EntryID, w.MaskedName, w.PrizeID, w.PrizeKind, w.UnitValue,
			opt(w.DeliveredAt), w.Note); err != nil {
			return err
		}
	}
	// A10.4: an entrant erased after their masked name was fetched keeps
	// none (ForgetSubject, in turn, waits for this transaction).
	_, err := tx.Exec(ctx, `UPDATE winners w SET masked_name = $2 FROM entries n
		WHERE n.id = w.entry_id AND w.event_id = $1 AND n.name_token = '' AND n.phone_token = ''
		AND w.masked_name <> $2`, eventID, domain.ErasedName)
	return err
}

// List implements app.Winners, by rank.
func (s *Winners) List(ctx context.Context, eventID string) ([]domain.Winner, error) {
	rows, err := s.db.Query(ctx, `SELECT `+winnerColumns+` FROM winners w JOIN entries n ON n.id = w.entry_id
		WHERE w.event_id = $1 ORDER BY w.rank`, eventID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Winner, error) { return scanWinner(r) })
}

// Update implements app.Winners.
func (s *Winners) Update(ctx context.Context, eventID, winnerID string, fn func(w *domain.Winner) error) (*domain.Winner, error) {
	var w domain.Winner
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := getEvent(ctx, tx, eventID, "FOR SHARE"); err != nil {
			return err
		}
		var err error
		w, err = scanWinner(tx.QueryRow(ctx, `SELECT `+winnerColumns+` FROM winners w JOIN entries n ON n.id = w.entry_id
			WHERE w.event_id = $1 AND w.id = $2 FOR UPDATE OF w`, eventID, winnerID))
		if errs.Is(err, errs.KindNotFound) {
			return errs.NotFound("WINNER_NOT_FOUND", "id", winnerID)
		} else if err != nil {
			return err
		}
		if err := fn(&w); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE winners SET delivered_at = $2, delivered_by = $3, note = $4 WHERE id = $1`,
			w.ID, opt(w.DeliveredAt), w.DeliveredBy, w.Note); err != nil {
			return err
		}
		return nil
	})
	return &w, err
}
