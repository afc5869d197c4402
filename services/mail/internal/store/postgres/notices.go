package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"
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
	department_code, params, status, attempts, last_error, failure, created_at, next_attempt_at, accepted_at`

// Create stores n, or returns the notice of its (event, template, recipient).
func (r *Notices) Create(ctx context.Context, n *domain.Notice) (*domain.Notice, error) {
	var out *domain.Notice
	err := r.s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := r.add(ctx, tx, n); err != nil {
			return err
		}
		var err error
		out, err = oneNotice(ctx, tx, `SELECT `+noticeCols+` FROM notices
			WHERE source_event_id = $1 AND template = $2 AND recipient = $3`, n.SourceEventID, n.Template, n.Recipient)
		return err
	})
	return out, err
}

// add inserts n unless its (event, template, recipient) exists, with the
// events n recorded (a notice that failed at once).
func (r *Notices) add(ctx context.Context, tx pgx.Tx, n *domain.Notice) error {
	params, err := json.Marshal(n.Params)
	if err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, `INSERT INTO notices (id, source_event_id, source_subject, source_id, template, recipient,
		recipient_subject, department_code, params, status, attempts, last_error, failure, created_at, next_attempt_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
		ON CONFLICT (source_event_id, template, recipient) DO NOTHING`,
		n.ID, n.SourceEventID, n.SourceSubject, n.SourceID, n.Template, n.Recipient, n.RecipientSubject, n.DepartmentCode,
		params, n.Status, n.Attempts, n.LastError, n.Failure, n.CreatedAt, n.NextAttemptAt)
	if err != nil || tag.RowsAffected() == 0 {
		return pg.MapError(err)
	}
	return r.s.events.Write(ctx, tx, n.Events()...)
}

// Get returns one notice.
func (r *Notices) Get(ctx context.Context, id string) (*domain.Notice, error) {
	return oneNotice(ctx, r.s.db, `SELECT `+noticeCols+` FROM notices WHERE id = $1`, id)
}

// noticePosition is the keyset of the notice list: ids are UUIDv7, so
// newest first is by id.
type noticePosition struct {
	ID string `json:"id"`
}

// List returns a page of notices, newest first. Its tokens are bound to
// the filters they were made for.
func (r *Notices) List(ctx context.Context, f app.NoticeFilter, p pagetoken.Page) ([]*domain.Notice, string, error) {
	all, v := f.VisibleTo == nil, domain.Viewer{}
	if !all {
		v = *f.VisibleTo
	}
	query := pagetoken.Fingerprint(f.RecipientSubject, f.SourceID, string(f.Status), all, v.Subject, v.Department)
	var after noticePosition
	if _, err := pagetoken.DecodeFor(p.Token, query, &after); err != nil {
		return nil, "", err
	}
	if _, err := uuid.Parse(after.ID); after.ID != "" && err != nil {
		return nil, "", pagetoken.Invalid()
	}
	rows, err := r.s.db.Query(ctx, `SELECT `+noticeCols+` FROM notices
		WHERE ($1 = '' OR recipient_subject = $1) AND ($2 = '' OR source_id = $2) AND ($3 = '' OR status = $3)
		  AND ($4 = '' OR id < $4::uuid)
		  AND ($6 OR ($7 <> '' AND recipient_subject = $7) OR ($8 <> '' AND department_code = $8))
		ORDER BY id DESC LIMIT $5`, f.RecipientSubject, f.SourceID, string(f.Status), after.ID, p.Size+1,
		all, v.Subject, v.Department)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, scanNotice)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, next := pagetoken.Cut(list, p.Size, func(last *domain.Notice) string {
		return pagetoken.EncodeFor(query, noticePosition{ID: last.ID})
	})
	return list, next, nil
}

// ClaimDue locks up to limit due notices, lets fn attempt each and stores
// the outcomes with their events in the same transaction.
func (r *Notices) ClaimDue(ctx context.Context, now time.Time, limit int, fn func(*domain.Notice) error) (int, error) {
	claimed := 0
	err := r.s.db.InTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+noticeCols+` FROM notices
			WHERE status = 'pending' AND next_attempt_at <= $1
			ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED`, now, limit)
		if err != nil {
			return err
		}
		due, err := pgx.CollectRows(rows, scanNotice)
		if err != nil {
			return err
		}
		for _, n := range due {
			if err := fn(n); err != nil {
				return err
			}
			if err := r.save(ctx, tx, n); err != nil {
				return err
			}
		}
		claimed = len(due)
		return nil
	})
	return claimed, err
}

func (r *Notices) save(ctx context.Context, tx pgx.Tx, n *domain.Notice) error {
	if _, err := tx.Exec(ctx, `UPDATE notices SET status = $2, attempts = $3, last_error = $4, failure = $5,
		next_attempt_at = $6, accepted_at = $7 WHERE id = $1`, n.ID, n.Status, n.Attempts, n.LastError,
		n.Failure, n.NextAttemptAt, nullTime(n.AcceptedAt)); err != nil {
		return err
	}
	return r.s.events.Write(ctx, tx, n.Events()...)
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
		&n.RecipientSubject, &n.DepartmentCode, &params, &n.Status, &n.Attempts, &n.LastError, &n.Failure, &n.CreatedAt,
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
