package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Terms stores the versions of the terms of the service.
type Terms struct{ s *Store }

// Terms returns the terms repository.
func (s *Store) Terms() *Terms { return &Terms{s} }

const termsCols = `version, title, clauses, effective_from, published_at`

// Current is the newest version in force at now.
func (r *Terms) Current(ctx context.Context, now time.Time) (domain.Terms, error) {
	return r.one(ctx, `SELECT `+termsCols+` FROM terms WHERE effective_from <= $1
		ORDER BY effective_from DESC, published_at DESC LIMIT 1`, now)
}

// Get returns one version.
func (r *Terms) Get(ctx context.Context, version string) (domain.Terms, error) {
	return r.one(ctx, `SELECT `+termsCols+` FROM terms WHERE version = $1`, version)
}

// List returns every version, newest first.
func (r *Terms) List(ctx context.Context) ([]domain.Terms, error) {
	rows, err := r.s.db.Query(ctx, `SELECT `+termsCols+` FROM terms ORDER BY effective_from DESC, published_at DESC`)
	if err != nil {
		return nil, pg.MapError(err)
	}
	return pgx.CollectRows(rows, scanTerms)
}

// Add stores a new version.
func (r *Terms) Add(ctx context.Context, t domain.Terms) error {
	clauses, err := json.Marshal(t.Clauses)
	if err != nil {
		return err
	}
	_, err = r.s.db.Exec(ctx, `INSERT INTO terms (version, title, clauses, effective_from, published_at)
		VALUES ($1, $2, $3, $4, $5)`, t.Version, t.Title, clauses, t.EffectiveFrom, t.PublishedAt)
	if pg.IsCode(err, pg.UniqueViolation) {
		return errs.AlreadyExists("TERMS_VERSION_TAKEN", "version", t.Version)
	}
	return pg.MapError(err)
}

// Translate stores new translations of a posted version (its Korean
// texts unchanged: the use case checked).
func (r *Terms) Translate(ctx context.Context, t domain.Terms) error {
	clauses, err := json.Marshal(t.Clauses)
	if err != nil {
		return err
	}
	tag, err := r.s.db.Exec(ctx, `UPDATE terms SET title = $2, clauses = $3 WHERE version = $1`, t.Version, t.Title, clauses)
	if err == nil && tag.RowsAffected() == 0 {
		return errs.NotFound("TERMS_NOT_FOUND")
	}
	return pg.MapError(err)
}

func (r *Terms) one(ctx context.Context, sql string, arg any) (domain.Terms, error) {
	rows, err := r.s.db.Query(ctx, sql, arg)
	if err != nil {
		return domain.Terms{}, pg.MapError(err)
	}
	t, err := pgx.CollectExactlyOneRow(rows, scanTerms)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, errs.NotFound("TERMS_NOT_FOUND")
	}
	return t, pg.MapError(err)
}

func scanTerms(row pgx.CollectableRow) (domain.Terms, error) {
	var t domain.Terms
	var clauses []byte
	if err := row.Scan(&t.Version, &t.Title, &clauses, &t.EffectiveFrom, &t.PublishedAt); err != nil {
		return t, err
	}
	return t, json.Unmarshal(clauses, &t.Clauses)
}
