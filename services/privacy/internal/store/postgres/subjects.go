package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Update implements app.Subjects.
func (s Subjects) Update(ctx context.Context, subjectID string, fn func(*domain.Subject) error) (domain.Subject, error) {
	subj := domain.Subject{ID: subjectID}
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `SELECT erased_at, EXISTS (SELECT 1 FROM legal_holds h
			WHERE h.subject_id = s.subject_id AND h.released_at IS NULL)
			FROM subjects s WHERE subject_id = $1 FOR UPDATE`, subjectID).Scan(&subj.ErasedAt, &subj.Held)
		if errors.Is(err, pgx.ErrNoRows) {
			return errs.NotFound("NO_PERSONAL_DATA")
		} else if err != nil {
			return err
		}
		if err := fn(&subj); err != nil || !subj.Erasing() {
			return err
		}
		if err := shred(ctx, tx, subjectID, *subj.ErasedAt); err != nil {
			return err
		}
		if err := s.append(ctx, tx, subj.Audited()...); err != nil {
			return err
		}
		return s.events.Write(ctx, tx, subj.Events()...)
	})
	return subj, err
}

// shred destroys the data key and the ciphertexts (and their blind
// indexes, which would still link a value to the subject).
func shred(ctx context.Context, tx pgx.Tx, subjectID string, at time.Time) error {
	if _, err := tx.Exec(ctx, `UPDATE subjects SET wrapped_key = NULL, kek_version = NULL, erased_at = $2
		WHERE subject_id = $1`, subjectID, at); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM personal_fields WHERE subject_id = $1`, subjectID); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `DELETE FROM personal_texts WHERE subject_id = $1`, subjectID)
	return err
}

// KeyUsage implements app.Subjects.
func (s Subjects) KeyUsage(ctx context.Context) (map[int]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT kek_version, count(*) FROM subjects
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

// ClaimRewrap implements app.Subjects: one batch in one transaction, rows
// claimed with SKIP LOCKED so replicas share the work.
func (s Subjects) ClaimRewrap(ctx context.Context, active, limit int, rewrap func(string, *app.WrappedKey) error) (int, error) {
	n := 0
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
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
			if err := rewrap(c.id, &c.key); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE subjects SET wrapped_key = $2, kek_version = $3 WHERE subject_id = $1`,
				c.id, c.key.Wrapped, c.key.KEKVersion); err != nil {
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
	rows, err := s.db.Query(ctx, `SELECT `+recordColumns+`
		FROM personal_fields f JOIN subjects s USING (subject_id)
		WHERE f.field = $1 AND s.wrapped_key IS NOT NULL`, field)
	return collectRecords(rows, err)
}
