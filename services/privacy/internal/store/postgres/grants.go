package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Grants implements app.Grants.
type Grants struct{ *db }

// ForCase implements app.Grants. A prize grant's department is the one
// the event service announced for the event (the two events may arrive in
// either order, so the join happens here, at read time).
func (s Grants) ForCase(ctx context.Context, caseRef string, purposes ...string) ([]domain.Grant, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT g.purpose, g.case_reference, g.subject_id,
		       CASE WHEN g.purpose = 'prize_delivery' THEN coalesce(e.department, g.department) ELSE g.department END,
		       g.granted_at, g.expires_at, g.revoked_at, g.reason
		  FROM reveal_grants g
		  LEFT JOIN event_departments e ON g.purpose = 'prize_delivery' AND e.event_id = g.case_reference
		 WHERE g.case_reference = $1 AND g.purpose = ANY($2) AND g.revoked_at IS NULL
		 ORDER BY g.purpose, g.granted_at, g.id`, caseRef, nonNil(purposes))
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Grant, error) {
		var g domain.Grant
		var expires, revoked *time.Time
		err := r.Scan(&g.Purpose, &g.CaseReference, &g.SubjectID, &g.Department, &g.GrantedAt, &expires, &revoked, &g.Reason)
		if expires != nil {
			g.ExpiresAt = *expires
		}
		if revoked != nil {
			g.RevokedAt = *revoked
		}
		return g, err
	})
	return out, pg.MapError(err)
}

// GrantsTx returns the grant recorder over a consumer's transaction.
func GrantsTx(tx pgx.Tx) app.GrantRecorder { return grantTx{tx} }

type grantTx struct{ tx pgx.Tx }

// AdvanceCase implements app.GrantRecorder. The upsert locks the case's
// row until the transaction ends, so events about one case apply one at a
// time; no row comes back when a newer event was applied already.
func (g grantTx) AdvanceCase(ctx context.Context, purpose, caseRef string, at time.Time) (bool, error) {
	err := g.tx.QueryRow(ctx, `INSERT INTO grant_cases (purpose, case_reference, last_event_at) VALUES ($1, $2, $3)
		ON CONFLICT (purpose, case_reference) DO UPDATE SET last_event_at = EXCLUDED.last_event_at
		WHERE grant_cases.last_event_at <= EXCLUDED.last_event_at
		RETURNING true`, purpose, caseRef, at).Scan(new(bool))
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, pg.MapError(err)
}

// Hold implements app.GrantRecorder.
func (g grantTx) Hold(ctx context.Context, gr domain.Grant, eventID string) error {
	tag, err := g.tx.Exec(ctx, `UPDATE reveal_grants SET expires_at = NULL, reason = $5, event_id = $6, updated_at = now()
		WHERE purpose = $1 AND case_reference = $2 AND subject_id = $3 AND department = $4 AND revoked_at IS NULL`,
		gr.Purpose, gr.CaseReference, gr.SubjectID, gr.Department, gr.Reason, eventID)
	if err != nil {
		return pg.MapError(err)
	}
	if tag.RowsAffected() > 0 {
		return nil
	}
	if err := g.Revoke(ctx, gr.Purpose, gr.CaseReference, gr.GrantedAt, gr.Reason+" to "+gr.Department, eventID); err != nil {
		return err
	}
	return g.insert(ctx, gr, eventID)
}

func (g grantTx) insert(ctx context.Context, gr domain.Grant, eventID string) error {
	var expires *time.Time
	if !gr.ExpiresAt.IsZero() {
		expires = &gr.ExpiresAt
	}
	_, err := g.tx.Exec(ctx, `INSERT INTO reveal_grants
		(purpose, case_reference, subject_id, department, granted_at, expires_at, reason, event_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		gr.Purpose, gr.CaseReference, gr.SubjectID, gr.Department, gr.GrantedAt, expires, gr.Reason, eventID)
	return pg.MapError(err)
}

// Expire implements app.GrantRecorder.
func (g grantTx) Expire(ctx context.Context, purpose, caseRef string, expiresAt time.Time, reason, eventID string) error {
	_, err := g.tx.Exec(ctx, `UPDATE reveal_grants SET expires_at = $3, reason = $4, event_id = $5, updated_at = now()
		WHERE purpose = $1 AND case_reference = $2 AND revoked_at IS NULL`, purpose, caseRef, expiresAt, reason, eventID)
	return pg.MapError(err)
}

// Revoke implements app.GrantRecorder.
func (g grantTx) Revoke(ctx context.Context, purpose, caseRef string, at time.Time, reason, eventID string) error {
	_, err := g.tx.Exec(ctx, `UPDATE reveal_grants SET revoked_at = $3, reason = $4, event_id = $5, updated_at = now()
		WHERE purpose = $1 AND case_reference = $2 AND revoked_at IS NULL`, purpose, caseRef, at, reason, eventID)
	return pg.MapError(err)
}

// Award implements app.GrantRecorder.
func (g grantTx) Award(ctx context.Context, gr domain.Grant, eventID string) error {
	_, err := g.tx.Exec(ctx, `INSERT INTO reveal_grants
		(purpose, case_reference, subject_id, department, granted_at, expires_at, reason, event_id)
		VALUES ($1, $2, $3, '', $4, $5, $6, $7)
		ON CONFLICT (purpose, case_reference, subject_id) WHERE revoked_at IS NULL DO UPDATE
		   SET expires_at = greatest(reveal_grants.expires_at, EXCLUDED.expires_at),
		       event_id = EXCLUDED.event_id, updated_at = now()`,
		gr.Purpose, gr.CaseReference, gr.SubjectID, gr.GrantedAt, gr.ExpiresAt, gr.Reason, eventID)
	return pg.MapError(err)
}

// SetEventDepartment implements app.GrantRecorder.
func (g grantTx) SetEventDepartment(ctx context.Context, eventID, department string, at time.Time) error {
	_, err := g.tx.Exec(ctx, `INSERT INTO event_departments (event_id, department, last_event_at) VALUES ($1, $2, $3)
		ON CONFLICT (event_id) DO UPDATE SET department = EXCLUDED.department, last_event_at = EXCLUDED.last_event_at
		WHERE event_departments.last_event_at <= EXCLUDED.last_event_at`, eventID, department, at)
	return pg.MapError(err)
}
