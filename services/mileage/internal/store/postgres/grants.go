package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

const grantRequestColumns = `id::text, subject_id, points, reason, request_id, requested_by, requester_roles, department,
	requested_at, status, coalesce(approved_by, ''), approved_at, coalesce(award_id, '')`

func scanGrantRequest(row pgx.Row) (domain.GrantRequest, error) {
	var r domain.GrantRequest
	var approvedAt *time.Time
	err := row.Scan(&r.ID, &r.Subject, &r.Points, &r.Reason, &r.RequestID, &r.RequestedBy, &r.RequesterRoles,
		&r.Department, &r.RequestedAt, &r.Status, &r.ApprovedBy, &approvedAt, &r.AwardID)
	if approvedAt != nil {
		r.ApprovedAt = *approvedAt
	}
	return r, err
}

// RequestGrant records a pending grant: the official's request id is unique
// per official, so a retry finds the first request.
func (s *Store) RequestGrant(ctx context.Context, r domain.GrantRequest) (domain.GrantRequest, error) {
	_, err := s.db.Exec(ctx, `INSERT INTO grant_requests (id, subject_id, points, reason, request_id, requested_by,
		requester_roles, department, requested_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (requested_by, request_id) DO NOTHING`,
		r.ID, r.Subject, r.Points, r.Reason, r.RequestID, r.RequestedBy, r.RequesterRoles, r.Department, r.RequestedAt, r.Status)
	if err != nil {
		return r, pg.MapError(err)
	}
	stored, err := scanGrantRequest(s.db.QueryRow(ctx, `SELECT `+grantRequestColumns+` FROM grant_requests
		WHERE requested_by = $1 AND request_id = $2`, r.RequestedBy, r.RequestID))
	return stored, pg.MapError(err)
}

// LockGrantRequest locks a grant request; NotFound when there is none.
func (t *txStore) LockGrantRequest(ctx context.Context, id string) (domain.GrantRequest, error) {
	r, err := scanGrantRequest(t.tx.QueryRow(ctx, `SELECT `+grantRequestColumns+` FROM grant_requests WHERE id = $1 FOR UPDATE`, id))
	return r, notFound(err, "grant")
}

// ApproveGrantRequest stores the approval of a pending request.
func (t *txStore) ApproveGrantRequest(ctx context.Context, r domain.GrantRequest) error {
	_, err := t.tx.Exec(ctx, `UPDATE grant_requests SET status = $2, approved_by = $3, approved_at = $4, award_id = $5
		WHERE id = $1 AND status = 'pending'`, r.ID, r.Status, r.ApprovedBy, r.ApprovedAt, r.AwardID)
	return pg.MapError(err)
}
