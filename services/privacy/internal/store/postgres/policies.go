package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Title and body are localized texts (jsonb); title_ko … body_en keep
// the Korean and English texts as columns for readers of the table.
const policyColumns = `version, title, body, effective_from, published_by, published_at`

func scanPolicy(r pgx.CollectableRow) (domain.Policy, error) {
	var p domain.Policy
	err := r.Scan(&p.Version, &p.Title, &p.Body, &p.EffectiveFrom, &p.PublishedBy, &p.PublishedAt)
	return p, err
}

func (s Policies) one(ctx context.Context, sql string, args ...any) (domain.Policy, error) {
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return domain.Policy{}, pg.MapError(err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanPolicy)
	if errors.Is(err, pgx.ErrNoRows) {
		return p, errs.NotFound("POLICY_NOT_FOUND")
	}
	return p, pg.MapError(err)
}

// Publish implements app.Policies.
func (s Policies) Publish(ctx context.Context, p domain.Policy) (domain.Policy, error) {
	got, err := s.one(ctx, `INSERT INTO policies (version, title, body, title_ko, title_en, body_ko, body_en, effective_from, published_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (version) DO NOTHING RETURNING `+policyColumns,
		p.Version, p.Title, p.Body, p.Title.Texts["ko"], p.Title.Texts["en"], p.Body.Texts["ko"], p.Body.Texts["en"],
		p.EffectiveFrom, p.PublishedBy)
	if !errs.Is(err, errs.KindNotFound) {
		return got, err
	}
	existing, err := s.Get(ctx, p.Version)
	if err != nil {
		return existing, err
	}
	if !existing.SameContent(p) {
		return existing, errs.AlreadyExists("POLICY_VERSION_TAKEN", "version", p.Version)
	}
	return existing, nil
}

// Get implements app.Policies.
func (s Policies) Get(ctx context.Context, version string) (domain.Policy, error) {
	return s.one(ctx, `SELECT `+policyColumns+` FROM policies WHERE version = $1`, version)
}

// Current implements app.Policies.
func (s Policies) Current(ctx context.Context, t time.Time) (domain.Policy, error) {
	return s.one(ctx, `SELECT `+policyColumns+` FROM policies WHERE effective_from <= $1
		ORDER BY effective_from DESC, published_at DESC LIMIT 1`, t)
}

// List implements app.Policies.
func (s Policies) List(ctx context.Context) ([]domain.Policy, error) {
	rows, err := s.db.Query(ctx, `SELECT `+policyColumns+` FROM policies ORDER BY effective_from DESC, published_at DESC`)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, scanPolicy)
	return out, pg.MapError(err)
}
