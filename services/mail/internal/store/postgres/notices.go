package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Notices stores notices.
type Notices struct{ s *Store }

// Notices returns the notice repository.
func (s *Store) Notices() *Notices { return &Notices{s} }

const noticeCols = `id::text, source_event_id, source_subject, source_id, template, recipient, recipient_subject,
	params, status, attempts, last_error, failure, created_at, next_attempt_at, accepted_at`

// Create stores n, or returns the notice of its (event, template, recipient).
func (r *Notices) Create(ctx context.Context, n *domain.Notice) (*domain.Notice, error) {
	err := pg.InTx(ctx, r.s.pool, func(tx pgx.Tx) error { return addNotice(ctx, tx, n) })
	if err != nil {
		return nil, err
	}
	return oneNotice(ctx, r.s.pool, `SELECT `+noticeCols+` FROM notices
		WHERE source_event_id = $1 AND template = $2 AND recipient = $3`, n.SourceEventID, n.Template, n.Recipient)
}

// addNotice inserts n unless its (event, template, recipient) exists, and
// announces a notice that failed at once.
func addNotice(ctx context.Context, tx pgx.Tx, n *domain.Notice) error {
	params, err := json.Marshal(n.Params)
	if err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, `INSERT INTO notices (id, source_event_id, source_subject, source_id, template, recipient,
		recipient_subject, params, status, attempts, last_error, failure, created_at, next_attempt_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		ON CONFLICT (source_event_id, template, recipient) DO NOTHING`,
		n.ID, n.SourceEventID, n.SourceSubject, n.SourceID, n.Template, n.Recipient, n.RecipientSubject, params,
		n.Status, n.Attempts, n.LastError, n.Failure, n.CreatedAt, n.NextAttemptAt)
	if err != nil || tag.RowsAffected() == 0 {
		return pg.MapError(err)
	}
	return announceFailure(ctx, tx, n)
}

// Get returns one notice.
func (r *Notices) Get(ctx context.Context, id string) (*domain.Notice, error) {
	return oneNotice(ctx, r.s.pool, `SELECT `+noticeCols+` FROM notices WHERE id = $1`, id)
}

// List returns a page of notices, newest first.
func (r *Notices) List(ctx context.Context, f app.NoticeFilter, p app.Page) ([]*domain.Notice, string, error) {
	after := ""
	if p.Token != "" {
		var err error
		if after, err = pagetoken.DecodeID(p.Token); err != nil {
			return nil, "", err
		}
	}
	rows, err := r.s.pool.Query(ctx, `SELECT `+noticeCols+` FROM notices
		WHERE ($1 = '' OR recipient_subject = $1) AND ($2 = '' OR source_id = $2) AND ($3 = '' OR status = $3)
		  AND ($4 = '' OR id < $4::uuid)
		ORDER BY id DESC LIMIT $5`, f.RecipientSubject, f.SourceID, string(f.Status), after, p.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, scanNotice)
	if err != nil || len(list) <= p.Size {
		return list, "", err
	}
	return list[:p.Size], pagetoken.EncodeID(list[p.Size-1].ID), nil
}

// ClaimDue locks the next due notice, lets fn attempt it and stores the
// outcome in the same transaction.
func (r *Notices) ClaimDue(ctx context.Context, now time.Time, fn func(*domain.Notice) error) (bool, error) {
	found := false
	err := pg.InTx(ctx, r.s.pool, func(tx pgx.Tx) error {
		n, err := oneNotice(ctx, tx, `SELECT `+noticeCols+` FROM notices
			WHERE status = 'pending' AND next_attempt_at <= $1
			ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`, now)
		if errs.Is(err, errs.KindNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		if err := fn(n); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE notices SET status = $2, attempts = $3, last_error = $4, failure = $5,
			next_attempt_at = $6, accepted_at = $7 WHERE id = $1`, n.ID, n.Status, n.Attempts, n.LastError,
			n.Failure, n.NextAttemptAt, nullTime(n.AcceptedAt)); err != nil {
			return err
		}
		return announceFailure(ctx, tx, n)
	})
	return found, err
}

func oneNotice(ctx context.Context, q querier, sql string, args ...any) (*domain.Notice, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, pg.MapError(err)
	}
	n, err := pgx.CollectExactlyOneRow(rows, scanNotice)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, errs.NotFound("NOTICE_NOT_FOUND")
	}
	return n, pg.MapError(err)
}

func scanNotice(row pgx.CollectableRow) (*domain.Notice, error) {
	var n domain.Notice
	var params []byte
	var accepted *time.Time
	err := row.Scan(&n.ID, &n.SourceEventID, &n.SourceSubject, &n.SourceID, &n.Template, &n.Recipient,
		&n.RecipientSubject, &params, &n.Status, &n.Attempts, &n.LastError, &n.Failure, &n.CreatedAt,
		&n.NextAttemptAt, &accepted)
	if err != nil {
		return nil, err
	}
	if accepted != nil {
		n.AcceptedAt = *accepted
	}
	return &n, json.Unmarshal(params, &n.Params)
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
