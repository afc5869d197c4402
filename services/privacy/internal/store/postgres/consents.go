package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

const consentColumns = `id, subject_id, purpose, policy_version, granted_at, withdrawn_at`

func scanConsent(r pgx.CollectableRow) (domain.Consent, error) {
	var c domain.Consent
	err := r.Scan(&c.ID, &c.SubjectID, &c.Purpose, &c.PolicyVersion, &c.GrantedAt, &c.WithdrawnAt)
	return c, err
}

// Grant implements app.Consents. The partial unique index allows one live
// grant per purpose, so a concurrent duplicate grant returns the winner.
func (s Consents) Grant(ctx context.Context, c domain.Consent) (domain.Consent, error) {
	rows, err := s.db.Query(ctx, `INSERT INTO consents (subject_id, purpose, policy_version)
		VALUES ($1, $2, $3) ON CONFLICT (subject_id, purpose) WHERE withdrawn_at IS NULL DO NOTHING
		RETURNING `+consentColumns, c.SubjectID, c.Purpose, c.PolicyVersion)
	if err != nil {
		return domain.Consent{}, pg.MapError(err)
	}
	got, err := pgx.CollectExactlyOneRow(rows, scanConsent)
	if errors.Is(err, pgx.ErrNoRows) {
		return s.live(ctx, c.SubjectID, c.Purpose)
	}
	return got, pg.MapError(err)
}

func (s Consents) live(ctx context.Context, subjectID, purpose string) (domain.Consent, error) {
	rows, err := s.db.Query(ctx, `SELECT `+consentColumns+` FROM consents
		WHERE subject_id = $1 AND purpose = $2 AND withdrawn_at IS NULL`, subjectID, purpose)
	if err != nil {
		return domain.Consent{}, pg.MapError(err)
	}
	c, err := pgx.CollectExactlyOneRow(rows, scanConsent)
	return c, pg.MapError(err)
}

// Update implements app.Consents.
func (s Consents) Update(ctx context.Context, subjectID, purpose string, fn func(*domain.Consent) error) (domain.Consent, error) {
	var c domain.Consent
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		// The live consent, else the latest withdrawn one (withdrawing
		// again is idempotent).
		rows, err := tx.Query(ctx, `SELECT `+consentColumns+` FROM consents WHERE subject_id = $1 AND purpose = $2
			ORDER BY withdrawn_at IS NULL DESC, granted_at DESC, id DESC LIMIT 1 FOR UPDATE`, subjectID, purpose)
		if err != nil {
			return err
		}
		if c, err = pgx.CollectExactlyOneRow(rows, scanConsent); errors.Is(err, pgx.ErrNoRows) {
			return errs.NotFound("NO_CONSENT", "purpose", purpose)
		} else if err != nil {
			return err
		}
		if err := fn(&c); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE consents SET withdrawn_at = $2 WHERE id = $1`, c.ID, c.WithdrawnAt)
		return err
	})
	return c, err
}

// List implements app.Consents.
func (s Consents) List(ctx context.Context, subjectID string) ([]domain.Consent, error) {
	rows, err := s.db.Query(ctx, `SELECT `+consentColumns+` FROM consents
		WHERE subject_id = $1 ORDER BY granted_at DESC, id DESC`, subjectID)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, scanConsent)
	return out, pg.MapError(err)
}

// Live implements app.Consents.
func (s Consents) Live(ctx context.Context, subjectID, purpose string) (bool, error) {
	var live bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM consents
		WHERE subject_id = $1 AND purpose = $2 AND withdrawn_at IS NULL)`, subjectID, purpose).Scan(&live)
	return live, pg.MapError(err)
}
