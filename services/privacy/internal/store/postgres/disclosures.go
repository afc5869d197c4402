package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

const disclosureColumns = `id, coalesce(request_id, ''), requester, legal_basis, legal_reference, purpose,
	subject_id, fields, dimension, status, recorded_by, approver, decision_reason, requested_at,
	decided_at, released_at`

func scanDisclosure(r pgx.CollectableRow) (domain.Disclosure, error) {
	var d domain.Disclosure
	var id uuid.UUID
	var basis, dim, status string
	err := r.Scan(&id, &d.RequestID, &d.Requester, &basis, &d.LegalReference, &d.Purpose, &d.SubjectID,
		&d.Fields, &dim, &status, &d.RecordedBy, &d.Approver, &d.DecisionReason, &d.RequestedAt,
		&d.DecidedAt, &d.ReleasedAt)
	d.ID, d.Basis, d.Dimension, d.Status = id.String(), domain.Basis(basis), domain.Dimension(dim), domain.Status(status)
	return d, err
}

func one(rows pgx.Rows, err error) (domain.Disclosure, error) {
	if err != nil {
		return domain.Disclosure{}, pg.MapError(err)
	}
	d, err := pgx.CollectExactlyOneRow(rows, scanDisclosure)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, errs.NotFound("DISCLOSURE_NOT_FOUND")
	}
	return d, pg.MapError(err)
}

// Create implements app.Disclosures: a retried request id returns the
// entry recorded the first time.
func (s Disclosures) Create(ctx context.Context, d domain.Disclosure) (domain.Disclosure, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return d, err
	}
	var reqID *string
	if d.RequestID != "" {
		reqID = &d.RequestID
	}
	got, err := one(s.db.Query(ctx, `INSERT INTO disclosures (id, request_id, requester, legal_basis,
		legal_reference, purpose, subject_id, fields, dimension, status, recorded_by)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (recorded_by, request_id) DO NOTHING
		RETURNING `+disclosureColumns, id, reqID, d.Requester, string(d.Basis), d.LegalReference, d.Purpose,
		d.SubjectID, nonNil(d.Fields), string(d.Dimension), string(d.Status), d.RecordedBy))
	if !errs.Is(err, errs.KindNotFound) {
		return got, err
	}
	return one(s.db.Query(ctx, `SELECT `+disclosureColumns+` FROM disclosures WHERE recorded_by = $1 AND request_id = $2`,
		d.RecordedBy, d.RequestID))
}

// Get implements app.Disclosures.
func (s Disclosures) Get(ctx context.Context, id string) (domain.Disclosure, error) {
	return one(s.db.Query(ctx, `SELECT `+disclosureColumns+` FROM disclosures WHERE id = $1`, id))
}

// Update implements app.Disclosures.
func (s Disclosures) Update(ctx context.Context, id string, fn func(*domain.Disclosure) error) (domain.Disclosure, error) {
	var d domain.Disclosure
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		if d, err = one(tx.Query(ctx, `SELECT `+disclosureColumns+` FROM disclosures WHERE id = $1 FOR UPDATE`, id)); err != nil {
			return err
		}
		if err := fn(&d); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE disclosures SET status = $2, approver = $3, decision_reason = $4,
			decided_at = $5, released_at = $6 WHERE id = $1`,
			id, string(d.Status), d.Approver, d.DecisionReason, d.DecidedAt, d.ReleasedAt); err != nil {
			return err
		}
		return s.append(ctx, tx, d.Audited()...)
	})
	return d, err
}

// registerPosition is a register page's keyset position: the last
// entry's request time and id.
type registerPosition struct {
	At time.Time `json:"t"`
	ID string    `json:"i"`
}

var registerQuery = pagetoken.Fingerprint("disclosures")

// List implements app.Disclosures.
func (s Disclosures) List(ctx context.Context, page pagetoken.Page) ([]domain.Disclosure, string, error) {
	var pos registerPosition
	after, err := pagetoken.DecodeFor(page.Token, registerQuery, &pos)
	if err != nil {
		return nil, "", err
	}
	if after && (pos.At.IsZero() || uuid.Validate(pos.ID) != nil) {
		return nil, "", pagetoken.Invalid()
	}
	rows, err := s.db.Query(ctx, `SELECT `+disclosureColumns+` FROM disclosures
		WHERE NOT $1 OR (requested_at, id) < ($2, $3::uuid) ORDER BY requested_at DESC, id DESC LIMIT $4`,
		after, pos.At, nilUUID(pos.ID), page.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, scanDisclosure)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	out, next := pagetoken.Cut(out, page.Size, func(d domain.Disclosure) string {
		return pagetoken.EncodeFor(registerQuery, registerPosition{At: d.RequestedAt.UTC(), ID: d.ID})
	})
	return out, next, nil
}

// nilUUID is a uuid parameter: NULL for the first page.
func nilUUID(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}
