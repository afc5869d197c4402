package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

const opinionColumns = `id::text, citizen_subject, coalesce(request_id, ''), title, body, publish_consent, status,
	name_token, name_masked, phone_token, phone_masked, email_token, email_masked,
	coalesce(complaint_id::text, ''), triage_note, triaged_by, submitted_at, triaged_at, personal_data_kinds, originals,
	revision`

func scanOpinion(row pgx.Row) (*domain.Opinion, error) {
	var o domain.Opinion
	var m = &o.Contact
	var triaged *time.Time
	var originals []byte
	err := row.Scan(&o.ID, &o.CitizenSubject, &o.RequestID, &o.Title, &o.Body, &o.PublishConsent, &o.Status,
		&m.NameToken, &m.Name, &m.PhoneToken, &m.Phone, &m.EmailToken, &m.Email,
		&o.ComplaintID, &o.TriageNote, &o.TriagedBy, &o.SubmittedAt, &triaged, &o.PersonalData.Kinds, &originals,
		&o.Revision)
	if err == pgx.ErrNoRows {
		return nil, errs.NotFound("NOT_FOUND")
	}
	if err != nil {
		return nil, err
	}
	o.TriagedAt = timeOf(triaged)
	o.PersonalData.Originals, err = originalsOf(originals)
	return &o, err
}

// CreateOpinion stores a new opinion and its opinion.received event.
func (s *Store) CreateOpinion(ctx context.Context, o *domain.Opinion) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		m := o.Contact
		originals, err := originalsJSON(o.PersonalData.Originals)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO opinions (id, citizen_subject, request_id, title, body, publish_consent, status,
			name_token, name_masked, phone_token, phone_masked, email_token, email_masked, submitted_at,
			personal_data_kinds, originals)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
			o.ID, o.CitizenSubject, nullText(o.RequestID), o.Title, o.Body, o.PublishConsent, o.Status,
			m.NameToken, m.Name, m.PhoneToken, m.Phone, m.EmailToken, m.Email, o.SubmittedAt,
			nonNil(o.PersonalData.Kinds), originals)
		if err != nil {
			return err
		}
		return s.events.Write(ctx, tx, o.Events()...)
	})
}

// FindOpinionByRequest finds the opinion a client request id created.
func (s *Store) FindOpinionByRequest(ctx context.Context, subject, requestID string) (*domain.Opinion, error) {
	return scanOpinion(s.db.QueryRow(ctx, `SELECT `+opinionColumns+` FROM opinions
		WHERE citizen_subject = $1 AND request_id = $2`, subject, requestID))
}

// GetOpinion loads an opinion.
func (s *Store) GetOpinion(ctx context.Context, id string) (*domain.Opinion, error) {
	return scanOpinion(s.db.QueryRow(ctx, `SELECT `+opinionColumns+` FROM opinions WHERE id = $1`, id))
}

// ListOpinions pages opinions newest first.
func (s *Store) ListOpinions(ctx context.Context, f app.OpinionFilter) ([]*domain.Opinion, string, error) {
	query := pagetoken.Fingerprint("opinions", f.PendingOnly, f.PublishedOnly)
	cur, err := decodeCursor(f.PageToken, query)
	if err != nil {
		return nil, "", err
	}
	status, published := string(domain.OpinionReceived), false
	if f.PublishedOnly {
		status, published = string(domain.OpinionAcknowledged), true
	}
	var at *time.Time
	var id string
	if cur != nil {
		at, id = &cur.At, cur.ID
	}
	size := f.PageSize // checked by the app (pagetoken.Size)
	rows, err := s.db.Query(ctx, `SELECT `+opinionColumns+` FROM opinions
		WHERE status = $1 AND (NOT $2 OR publish_consent)
		  AND ($3::timestamptz IS NULL OR (submitted_at, id::text) < ($3, $4))
		ORDER BY submitted_at DESC, id::text DESC LIMIT $5`, status, published, at, id, size+1)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var list []*domain.Opinion
	for rows.Next() {
		o, err := scanOpinion(rows)
		if err != nil {
			return nil, "", err
		}
		list = append(list, o)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(list) > size {
		last := list[size-1]
		return list[:size], encodeCursor(query, last.SubmittedAt, last.ID), nil
	}
	return list, "", nil
}

// TriageOpinion locks the opinion, applies fn and stores the opinion and
// the complaint fn returned, with their events, in one transaction.
func (s *Store) TriageOpinion(ctx context.Context, id string, fn func(o *domain.Opinion) (*domain.Complaint, error)) (*domain.Opinion, *domain.Complaint, error) {
	var o *domain.Opinion
	var c *domain.Complaint
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if o, err = scanOpinion(tx.QueryRow(ctx, `SELECT `+opinionColumns+` FROM opinions WHERE id = $1 FOR UPDATE`, id)); err != nil {
			return err
		}
		if c, err = fn(o); err != nil {
			return err
		}
		if c != nil {
			if err := s.insertComplaint(ctx, tx, c); err != nil {
				return err
			}
		}
		return tx.QueryRow(ctx, `UPDATE opinions SET status = $2, complaint_id = $3, triage_note = $4, triaged_by = $5,
			triaged_at = $6, revision = revision + 1 WHERE id = $1 RETURNING revision`, o.ID, o.Status,
			nullText(o.ComplaintID), o.TriageNote, o.TriagedBy, nullTime(o.TriagedAt)).Scan(&o.Revision)
	})
	return o, c, err
}
