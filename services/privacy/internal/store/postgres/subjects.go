package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/internal/events"
)

const holdColumns = `id, subject_id, reason, case_reference, placed_by, placed_at, released_at`

func scanHold(r pgx.CollectableRow) (domain.LegalHold, error) {
	var h domain.LegalHold
	var id uuid.UUID
	err := r.Scan(&id, &h.SubjectID, &h.Reason, &h.CaseReference, &h.PlacedBy, &h.PlacedAt, &h.ReleasedAt)
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

// PlaceHold implements app.Subjects.
func (s Subjects) PlaceHold(ctx context.Context, h domain.LegalHold) (domain.LegalHold, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return h, err
	}
	return oneHold(s.pool.Query(ctx, `INSERT INTO legal_holds (id, subject_id, reason, case_reference, placed_by)
		VALUES ($1, $2, $3, $4, $5) RETURNING `+holdColumns, id, h.SubjectID, h.Reason, h.CaseReference, h.PlacedBy))
}

// ReleaseHold implements app.Subjects; releasing twice keeps the first release.
func (s Subjects) ReleaseHold(ctx context.Context, subjectID, holdID, by string, at time.Time) (domain.LegalHold, error) {
	return oneHold(s.pool.Query(ctx, `UPDATE legal_holds
		SET released_at = coalesce(released_at, $3), released_by = CASE WHEN released_at IS NULL THEN $4 ELSE released_by END
		WHERE id = $1 AND subject_id = $2 RETURNING `+holdColumns, holdID, subjectID, at, by))
}

// Erase implements app.Subjects.
func (s Subjects) Erase(ctx context.Context, subjectID string, entry domain.AccessEntry) (time.Time, error) {
	at := entry.OccurredAt
	err := pg.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		var erasedAt *time.Time
		err := tx.QueryRow(ctx, `SELECT erased_at FROM subjects WHERE subject_id = $1 FOR UPDATE`, subjectID).Scan(&erasedAt)
		if errors.Is(err, pgx.ErrNoRows) {
			return errs.NotFound("NO_PERSONAL_DATA")
		} else if err != nil {
			return err
		}
		if erasedAt != nil {
			at = *erasedAt // already erased: the call is idempotent
			return nil
		}
		var held bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM legal_holds
			WHERE subject_id = $1 AND released_at IS NULL)`, subjectID).Scan(&held); err != nil {
			return err
		}
		if held {
			return errs.FailedPrecondition("LEGAL_HOLD_IN_FORCE")
		}
		return s.shred(ctx, tx, subjectID, at, entry)
	})
	return at, err
}

// shred destroys the data key and the ciphertexts (and their blind
// indexes, which would still link a value to the subject), logs the
// erasure and queues the event, all in the caller's transaction.
func (s Subjects) shred(ctx context.Context, tx pgx.Tx, subjectID string, at time.Time, entry domain.AccessEntry) error {
	if _, err := tx.Exec(ctx, `UPDATE subjects SET wrapped_key = NULL, kek_version = NULL, erased_at = $2
		WHERE subject_id = $1`, subjectID, at); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM personal_fields WHERE subject_id = $1`, subjectID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM personal_texts WHERE subject_id = $1`, subjectID); err != nil {
		return err
	}
	if err := s.append(ctx, tx, entry); err != nil {
		return err
	}
	_, err := outbox.Add(ctx, tx, events.SubjectErasedSubject, events.SubjectErased(subjectID, timestamppb.New(at)))
	return err
}

// KeyUsage implements app.Subjects.
func (s Subjects) KeyUsage(ctx context.Context) (map[int]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT kek_version, count(*) FROM subjects
		WHERE wrapped_key IS NOT NULL GROUP BY kek_version`)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out := map[int]int64{}
	var v int32
	var n int64
	_, err = pgx.ForEachRow(rows, []any{&v, &n}, func() error { out[int(v)] = n; return nil })
	return out, pg.MapError(err)
}

// Rewrap implements app.Subjects: one batch in one transaction, rows
// claimed with SKIP LOCKED so replicas share the work.
func (s Subjects) Rewrap(ctx context.Context, active, limit int, rewrap func(string, app.WrappedKey) (app.WrappedKey, error)) (int, error) {
	n := 0
	err := pg.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT subject_id, wrapped_key, kek_version FROM subjects
			WHERE wrapped_key IS NOT NULL AND kek_version <> $1 LIMIT $2 FOR UPDATE SKIP LOCKED`, active, limit)
		if err != nil {
			return err
		}
		type claimed struct {
			id  string
			key app.WrappedKey
		}
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (claimed, error) {
			var c claimed
			var v int32
			err := r.Scan(&c.id, &c.key.Wrapped, &v)
			c.key.KEKVersion = int(v)
			return c, err
		})
		if err != nil {
			return err
		}
		for _, c := range list {
			nk, err := rewrap(c.id, c.key)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE subjects SET wrapped_key = $2, kek_version = $3 WHERE subject_id = $1`,
				c.id, nk.Wrapped, nk.KEKVersion); err != nil {
				return err
			}
		}
		n = len(list)
		return nil
	})
	return n, err
}

// FieldRecords implements app.Subjects.
func (s Subjects) FieldRecords(ctx context.Context, field string) ([]app.SealedRecord, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+recordColumns+`
		FROM personal_fields f JOIN subjects s USING (subject_id)
		WHERE f.field = $1 AND s.wrapped_key IS NOT NULL`, field)
	return collectRecords(rows, err)
}
