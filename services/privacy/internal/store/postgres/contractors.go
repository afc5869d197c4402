package postgres

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Contractors implements app.Contractors. The table's history
// (contractor_grant_history) is written by a trigger in the change's
// transaction, so no change escapes it (00011).
type Contractors struct{ *store }

const contractorColumns = `id, coalesce(request_id, ''), contractor_subject, company, service, role, department_code,
	board_id, valid_from, valid_until, reason, granted_by, created_at, revoked_at, revoked_by, revoke_reason`

func scanContractor(r pgx.CollectableRow) (domain.ContractorGrant, error) {
	var g domain.ContractorGrant
	var id uuid.UUID
	err := r.Scan(&id, &g.RequestID, &g.ContractorSubject, &g.Company, &g.Service, &g.Role, &g.Department, &g.BoardID,
		&g.ValidFrom, &g.ValidUntil, &g.Reason, &g.GrantedBy, &g.CreatedAt, &g.RevokedAt, &g.RevokedBy, &g.RevokeReason)
	g.ID = id.String()
	g.ValidFrom, g.ValidUntil, g.CreatedAt = g.ValidFrom.UTC(), g.ValidUntil.UTC(), g.CreatedAt.UTC()
	if g.RevokedAt != nil {
		t := g.RevokedAt.UTC()
		g.RevokedAt = &t
	}
	return g, err
}

func contractorRows(rows pgx.Rows, err error) ([]domain.ContractorGrant, error) {
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, scanContractor)
	return out, pg.MapError(err)
}

// contractorLock serializes the grants of one contractor, so two grants
// made at once cannot both pass the overlap check.
const contractorLock = `SELECT pg_advisory_xact_lock(hashtext('privacy.contractor:' || $1))`

// Create implements app.Contractors.
func (s Contractors) Create(ctx context.Context, g domain.ContractorGrant, check func([]domain.ContractorGrant) error) (domain.ContractorGrant, error) {
	var out domain.ContractorGrant
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, contractorLock, g.ContractorSubject); err != nil {
			return err
		}
		if g.RequestID != "" {
			made, err := contractorRows(tx.Query(ctx, `SELECT `+contractorColumns+` FROM contractor_grants
				WHERE granted_by = $1 AND request_id = $2`, g.GrantedBy, g.RequestID))
			if err != nil || len(made) == 1 {
				out = firstOf(made)
				return err
			}
		}
		others, err := contractorRows(tx.Query(ctx, `SELECT `+contractorColumns+` FROM contractor_grants
			WHERE contractor_subject = $1 AND service = $2 AND revoked_at IS NULL AND valid_until > $3`,
			g.ContractorSubject, g.Service, g.CreatedAt))
		if err != nil {
			return err
		}
		if err := check(others); err != nil {
			return err
		}
		out, err = insertContractor(ctx, tx, g)
		if err != nil {
			return err
		}
		return s.events.Write(ctx, tx, g.Events()...)
	})
	return out, err
}

func firstOf(gs []domain.ContractorGrant) domain.ContractorGrant {
	if len(gs) == 0 {
		return domain.ContractorGrant{}
	}
	return gs[0]
}

func insertContractor(ctx context.Context, tx pgx.Tx, g domain.ContractorGrant) (domain.ContractorGrant, error) {
	var reqID *string
	if g.RequestID != "" {
		reqID = &g.RequestID
	}
	rows, err := contractorRows(tx.Query(ctx, `INSERT INTO contractor_grants (id, request_id, contractor_subject, company,
		service, role, department_code, board_id, valid_from, valid_until, reason, granted_by, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING `+contractorColumns,
		g.ID, reqID, g.ContractorSubject, g.Company, g.Service, g.Role, g.Department, g.BoardID, g.ValidFrom, g.ValidUntil,
		g.Reason, g.GrantedBy, g.CreatedAt))
	if err != nil {
		return g, err
	}
	return firstOf(rows), nil
}

// Update implements app.Contractors: only a revocation changes a grant.
func (s Contractors) Update(ctx context.Context, id string, fn func(*domain.ContractorGrant) error) (domain.ContractorGrant, error) {
	var g domain.ContractorGrant
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		found, err := contractorRows(tx.Query(ctx, `SELECT `+contractorColumns+` FROM contractor_grants WHERE id = $1 FOR UPDATE`, id))
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return errs.NotFound("CONTRACTOR_GRANT_NOT_FOUND", "grant_id", id)
		}
		g = found[0]
		if err := fn(&g); err != nil || len(g.Events()) == 0 {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE contractor_grants SET revoked_at = $2, revoked_by = $3, revoke_reason = $4 WHERE id = $1`,
			id, g.RevokedAt, g.RevokedBy, g.RevokeReason); err != nil {
			return err
		}
		return s.events.Write(ctx, tx, g.Events()...)
	})
	return g, err
}

// contractorPosition is a page's keyset position: the last grant served.
type contractorPosition struct {
	Created time.Time `json:"c"`
	ID      string    `json:"i"`
}

// List implements app.Contractors: newest first, the token bound to the
// filter.
func (s Contractors) List(ctx context.Context, f app.ContractorFilter, page pagetoken.Page) ([]domain.ContractorGrant, string, error) {
	query := pagetoken.Fingerprint("contractor_grants", f.ContractorSubject)
	var pos contractorPosition
	if _, err := pagetoken.DecodeFor(page.Token, query, &pos); err != nil {
		return nil, "", err
	}
	var after *uuid.UUID
	if pos.ID != "" {
		id, err := uuid.Parse(pos.ID)
		if err != nil {
			return nil, "", pagetoken.Invalid()
		}
		after = &id
	}
	out, err := contractorRows(s.db.Query(ctx, `SELECT `+contractorColumns+` FROM contractor_grants
		WHERE ($1 = '' OR contractor_subject = $1) AND ($2::uuid IS NULL OR (created_at, id) < ($3, $2))
		ORDER BY created_at DESC, id DESC LIMIT $4`, f.ContractorSubject, after, pos.Created, page.Size+1))
	if err != nil {
		return nil, "", err
	}
	out, next := pagetoken.Cut(out, page.Size, func(g domain.ContractorGrant) string {
		return pagetoken.EncodeFor(query, contractorPosition{Created: g.CreatedAt, ID: g.ID})
	})
	return out, next, nil
}

// Current implements app.Contractors.
func (s Contractors) Current(ctx context.Context, now time.Time) ([]domain.ContractorGrant, error) {
	return contractorRows(s.db.Query(ctx, `SELECT `+contractorColumns+` FROM contractor_grants WHERE valid_until > $1
		ORDER BY created_at, id`, now))
}
