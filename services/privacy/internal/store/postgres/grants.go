package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Grants implements app.Grants.
type Grants struct{ *store }

// ForCase implements app.Grants. A prize grant's department is the one
// the event service announced for the event (the two events may arrive in
// either order, so the join happens here, at read time).
func (s Grants) ForCase(ctx context.Context, caseRef string, purposes ...string) ([]domain.Grant, error) {
	rows, err := s.db.Query(ctx, `
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

// Update implements app.Grants. The case is locked with a transaction
// advisory lock on its purpose and reference, so the events of one case
// apply one at a time even before the case has a row.
func (s Grants) Update(ctx context.Context, purpose, caseRef string, fn func(*domain.Case) error) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))`, purpose, caseRef); err != nil {
			return err
		}
		c, err := loadCase(ctx, tx, purpose, caseRef)
		if err != nil {
			return err
		}
		before := c.LastEventAt
		if err := fn(&c); err != nil {
			return err
		}
		if c.LastEventAt != before {
			if _, err := tx.Exec(ctx, `INSERT INTO grant_cases (purpose, case_reference, last_event_at) VALUES ($1, $2, $3)
				ON CONFLICT (purpose, case_reference) DO UPDATE SET last_event_at = EXCLUDED.last_event_at`,
				purpose, caseRef, c.LastEventAt); err != nil {
				return err
			}
		}
		return saveGrants(ctx, tx, c)
	})
}

func loadCase(ctx context.Context, tx pgx.Tx, purpose, caseRef string) (domain.Case, error) {
	c := domain.Case{Purpose: purpose, Reference: caseRef}
	err := tx.QueryRow(ctx, `SELECT last_event_at FROM grant_cases WHERE purpose = $1 AND case_reference = $2`,
		purpose, caseRef).Scan(&c.LastEventAt)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return c, err
	}
	rows, err := tx.Query(ctx, `SELECT id, subject_id, department, granted_at, expires_at, reason FROM reveal_grants
		WHERE purpose = $1 AND case_reference = $2 AND revoked_at IS NULL ORDER BY id`, purpose, caseRef)
	if err != nil {
		return c, err
	}
	c.Grants, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.CaseGrant, error) {
		g := domain.CaseGrant{Grant: domain.Grant{Purpose: purpose, CaseReference: caseRef}}
		var expires *time.Time
		err := r.Scan(&g.ID, &g.SubjectID, &g.Department, &g.GrantedAt, &expires, &g.Reason)
		if expires != nil {
			g.ExpiresAt = *expires
		}
		return g, err
	})
	return c, err
}

// saveGrants inserts the case's new grants and updates the changed ones,
// marking each with the event that changed it.
func saveGrants(ctx context.Context, tx pgx.Tx, c domain.Case) error {
	for _, g := range c.Grants {
		var err error
		switch {
		case !g.Changed:
			continue
		case g.ID == 0:
			_, err = tx.Exec(ctx, `INSERT INTO reveal_grants
				(purpose, case_reference, subject_id, department, granted_at, expires_at, revoked_at, reason, event_id)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, c.Purpose, c.Reference, g.SubjectID, g.Department,
				g.GrantedAt, optTime(g.ExpiresAt), optTime(g.RevokedAt), g.Reason, c.EventID)
		default:
			_, err = tx.Exec(ctx, `UPDATE reveal_grants SET expires_at = $2, revoked_at = $3, reason = $4, event_id = $5,
				updated_at = now() WHERE id = $1`, g.ID, optTime(g.ExpiresAt), optTime(g.RevokedAt), g.Reason, c.EventID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// optTime is NULL for the zero time.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// SetEventDepartment implements app.Grants.
func (s Grants) SetEventDepartment(ctx context.Context, eventID, department string, at time.Time) error {
	_, err := s.db.Exec(ctx, `INSERT INTO event_departments (event_id, department, last_event_at) VALUES ($1, $2, $3)
		ON CONFLICT (event_id) DO UPDATE SET department = EXCLUDED.department, last_event_at = EXCLUDED.last_event_at
		WHERE event_departments.last_event_at <= EXCLUDED.last_event_at`, eventID, department, at)
	return pg.MapError(err)
}
