package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Feedback stores citizens' opinions (A3.3).
type Feedback struct{ s *Store }

// Add stores f, bumps the item's totals and writes the events f recorded
// (FeedbackGiven) in one transaction.
func (r *Feedback) Add(ctx context.Context, f domain.Feedback) (domain.Feedback, error) {
	err := r.s.db.InTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO feedback (id, item_id, department_code, subject_id, helpful, comment,
			personal_data_kinds, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			f.ID, f.ItemID, f.DepartmentCode, f.SubjectID, f.Helpful, f.Comment, nonNil(f.PersonalDataKinds), f.CreatedAt)
		if pg.IsCode(err, pg.UniqueViolation) {
			return errs.AlreadyExists("FEEDBACK_ALREADY_GIVEN")
		}
		if err != nil {
			return err
		}
		h, n := 0, 1
		if f.Helpful {
			h, n = 1, 0
		}
		if _, err := tx.Exec(ctx, `INSERT INTO item_feedback_totals AS t (item_id, helpful, not_helpful)
			VALUES ($1, $2, $3) ON CONFLICT (item_id) DO UPDATE
			SET helpful = t.helpful + EXCLUDED.helpful, not_helpful = t.not_helpful + EXCLUDED.not_helpful`,
			f.ItemID, h, n); err != nil {
			return err
		}
		return r.s.events.Write(ctx, tx, f.Events()...)
	})
	return f, err
}

// List pages through a department's feedback, newest first, with totals
// over everything the filter matches.
func (r *Feedback) List(ctx context.Context, f app.FeedbackFilter, p pagetoken.Page) ([]domain.Feedback, domain.FeedbackSummary, string, error) {
	var sum domain.FeedbackSummary
	query := pagetoken.Fingerprint("feedback", f)
	cur, err := after(p.Token, query)
	if err != nil {
		return nil, sum, "", err
	}
	item := nullString(f.ItemID)
	err = r.s.db.QueryRow(ctx, `SELECT count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful)
		FROM feedback WHERE department_code = $1 AND ($2::uuid IS NULL OR item_id = $2)`,
		f.Department, item).Scan(&sum.Helpful, &sum.NotHelpful)
	if err != nil {
		return nil, sum, "", pg.MapError(err)
	}
	at, _, id := cur.keysetArgs()
	rows, err := r.s.db.Query(ctx, `SELECT id::text, item_id::text, department_code, subject_id, helpful,
		comment, personal_data_kinds, created_at FROM feedback
		WHERE department_code = $1 AND ($2::uuid IS NULL OR item_id = $2)
		AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
		ORDER BY created_at DESC, id DESC LIMIT $5`, f.Department, item, at, id, p.Size+1)
	if err != nil {
		return nil, sum, "", pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Feedback, error) {
		var x domain.Feedback
		err := row.Scan(&x.ID, &x.ItemID, &x.DepartmentCode, &x.SubjectID, &x.Helpful, &x.Comment,
			&x.PersonalDataKinds, &x.CreatedAt)
		return x, err
	})
	if err != nil {
		return nil, sum, "", pg.MapError(err)
	}
	list, next := pagetoken.Cut(list, p.Size, func(x domain.Feedback) string {
		return pagetoken.EncodeFor(query, position{At: x.CreatedAt, ID: x.ID})
	})
	return list, sum, next, nil
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
