package postgres

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

const holdColumns = `id, subject_id, reason, case_reference, placed_by, placed_at, released_at, released_by`

func scanHold(r pgx.CollectableRow) (domain.LegalHold, error) {
	var h domain.LegalHold
	var id uuid.UUID
	err := r.Scan(&id, &h.SubjectID, &h.Reason, &h.CaseReference, &h.PlacedBy, &h.PlacedAt, &h.ReleasedAt, &h.ReleasedBy)
	h.ID = id.String()
	return h, err
}

func oneHold(rows pgx.Rows, err error) (domain.LegalHold, error) {
	if err != nil {
		return domain.LegalHold{}, pg.MapError(err)
	}
	h, err := pgx.CollectExactlyOneRow(rows, scanHold)
	if errors.Is(err, pgx.ErrNoRows) {
		return h, errs.NotFound("LEGAL_HOLD_NOT_FOUND")
	}
	return h, pg.MapError(err)
}

// Create implements app.Holds.
func (s Holds) Create(ctx context.Context, h domain.LegalHold) (domain.LegalHold, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return h, err
	}
	return oneHold(s.db.Query(ctx, `INSERT INTO legal_holds (id, subject_id, reason, case_reference, placed_by)
		VALUES ($1, $2, $3, $4, $5) RETURNING `+holdColumns, id, h.SubjectID, h.Reason, h.CaseReference, h.PlacedBy))
}

// Update implements app.Holds.
func (s Holds) Update(ctx context.Context, subjectID, holdID string, fn func(*domain.LegalHold) error) (domain.LegalHold, error) {
	var h domain.LegalHold
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		h, err = oneHold(tx.Query(ctx, `SELECT `+holdColumns+` FROM legal_holds WHERE id = $1 AND subject_id = $2 FOR UPDATE`,
			holdID, subjectID))
		if err != nil {
			return err
		}
		if err := fn(&h); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE legal_holds SET released_at = $2, released_by = $3 WHERE id = $1`,
			holdID, h.ReleasedAt, h.ReleasedBy)
		return err
	})
	return h, err
}
