package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

const ruleColumns = `id, action, version, points, daily_cap, monthly_cap, yearly_cap, weight_percent, effective_from,
	effective_to, description, reason, created_by`

func scanRule(row pgx.Row) (domain.Rule, error) {
	var r domain.Rule
	err := row.Scan(&r.ID, &r.Action, &r.Version, &r.Points, &r.DailyCap, &r.MonthlyCap, &r.YearlyCap, &r.WeightPercent,
		&r.EffectiveFrom, &r.EffectiveTo, &r.Description, &r.Reason, &r.CreatedBy)
	return r, err
}

func collectRules(rows pgx.Rows, err error) ([]domain.Rule, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Rule, error) { return scanRule(r) })
}

// inForceAt selects the versions of the rules in force at the instant at
// (an SQL expression).
func inForceAt(at string) string {
	return `effective_from <= ` + at + ` AND (effective_to IS NULL OR effective_to > ` + at + `)`
}

// inForce selects the version of each action in force at $1.
var inForce = inForceAt("$1")

// RulesAt returns the point table in force at at.
func (s *Store) RulesAt(ctx context.Context, at time.Time) ([]domain.Rule, error) {
	return collectRules(s.db.Query(ctx, `SELECT DISTINCT ON (action) `+ruleColumns+` FROM earning_rules
		WHERE `+inForce+` ORDER BY action, version DESC`, at))
}

// RuleHistory serves one page of the versions (of action, or of all when
// ""), by descending id, keyset-paged: the token holds the last id and is
// bound to action; one row more than the page says whether another follows.
func (s *Store) RuleHistory(ctx context.Context, action string, page pagetoken.Page) ([]domain.Rule, string, error) {
	query := pagetoken.Fingerprint("rules", action)
	before, err := decodeSeq(page.Token, query)
	if err != nil {
		return nil, "", err
	}
	list, err := collectRules(s.db.Query(ctx, `SELECT `+ruleColumns+` FROM earning_rules
		WHERE ($1 = '' OR action = $1) AND ($2::bigint = 0 OR id < $2::bigint) ORDER BY id DESC LIMIT $3`,
		action, before, page.Size+1))
	if err != nil {
		return nil, "", err
	}
	out, next := pagetoken.Cut(list, page.Size, func(r domain.Rule) string {
		return pagetoken.EncodeFor(query, seqKey{Before: r.ID})
	})
	return out, next, nil
}

// LockRules locks the latest version of action; nil if there is none.
func (t *txStore) LockRules(ctx context.Context, action string) (*domain.Rule, error) {
	r, err := scanRule(t.tx.QueryRow(ctx, `SELECT `+ruleColumns+` FROM earning_rules WHERE action = $1
		ORDER BY version DESC LIMIT 1 FOR UPDATE`, action))
	return nilIfNoRows(&r, err)
}

// EndRule sets when a version stops applying (its only change ever).
func (t *txStore) EndRule(ctx context.Context, id int64, at time.Time) error {
	_, err := t.tx.Exec(ctx, `UPDATE earning_rules SET effective_to = $2 WHERE id = $1`, id, at)
	return err
}

// InsertRule stores a new version.
func (t *txStore) InsertRule(ctx context.Context, r domain.Rule) (domain.Rule, error) {
	return scanRule(t.tx.QueryRow(ctx, `INSERT INTO earning_rules (action, version, points, daily_cap, monthly_cap,
		yearly_cap, weight_percent, effective_from, description, reason, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING `+ruleColumns,
		r.Action, r.Version, r.Points, r.DailyCap, r.MonthlyCap, r.YearlyCap, r.WeightPercent, r.EffectiveFrom,
		r.Description, r.Reason, r.CreatedBy))
}

const validityColumns = `version, validity_days, expiry_notice_days, effective_from, reason, created_by`

func scanValidity(row pgx.Row) (domain.Validity, error) {
	var v domain.Validity
	err := row.Scan(&v.Version, &v.Days, &v.NoticeDays, &v.EffectiveFrom, &v.Reason, &v.CreatedBy)
	return v, err
}

// validityFrom selects the validity version in force at the instant at
// (an SQL expression).
func validityFrom(at string) string {
	return `effective_from <= ` + at + ` ORDER BY effective_from DESC LIMIT 1`
}

var validityAt = `SELECT ` + validityColumns + ` FROM validity_policies WHERE ` + validityFrom("$1")

// ValidityAt returns the validity version in force at at.
func (s *Store) ValidityAt(ctx context.Context, at time.Time) (domain.Validity, error) {
	v, err := scanValidity(s.db.QueryRow(ctx, validityAt, at))
	return v, notFound(err, "VALIDITY_POLICY_NOT_FOUND")
}

// ValidityHistory lists every validity version, newest first.
func (s *Store) ValidityHistory(ctx context.Context) ([]domain.Validity, error) {
	rows, err := s.db.Query(ctx, `SELECT `+validityColumns+` FROM validity_policies ORDER BY effective_from DESC`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Validity, error) { return scanValidity(r) })
}

// LockValidity locks the latest validity version.
func (t *txStore) LockValidity(ctx context.Context) (domain.Validity, error) {
	return scanValidity(t.tx.QueryRow(ctx, `SELECT `+validityColumns+` FROM validity_policies
		ORDER BY effective_from DESC LIMIT 1 FOR UPDATE`))
}

// InsertValidity stores a new validity version.
func (t *txStore) InsertValidity(ctx context.Context, v domain.Validity) (domain.Validity, error) {
	return scanValidity(t.tx.QueryRow(ctx, `INSERT INTO validity_policies (validity_days, expiry_notice_days,
		effective_from, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING `+validityColumns,
		v.Days, v.NoticeDays, v.EffectiveFrom, v.Reason, v.CreatedBy))
}

const itemColumns = `id, channel, name, min_points, max_points, step_points, required_field, active, ordinance_ref`

func scanItem(row pgx.Row) (domain.CatalogItem, error) {
	var it domain.CatalogItem
	err := row.Scan(&it.ID, &it.Channel, &it.Name, &it.MinPoints, &it.MaxPoints, &it.StepPoints,
		&it.RequiredField, &it.Active, &it.OrdinanceRef)
	return it, err
}

// catalogItems lists items (only active ones when activeOnly).
func (s *Store) catalogItems(ctx context.Context, activeOnly bool) ([]domain.CatalogItem, error) {
	rows, err := s.db.Query(ctx, `SELECT `+itemColumns+` FROM catalog_items WHERE active OR NOT $1 ORDER BY channel, min_points, id`, activeOnly)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.CatalogItem, error) { return scanItem(r) })
}

// CatalogItem returns one item; nil if unknown.
func (s *Store) CatalogItem(ctx context.Context, id string) (*domain.CatalogItem, error) {
	it, err := scanItem(s.db.QueryRow(ctx, `SELECT `+itemColumns+` FROM catalog_items WHERE id = $1`, id))
	return nilIfNoRows(&it, err)
}

// LockCatalogItem locks an item for its replacement; nil if unknown.
func (t *txStore) LockCatalogItem(ctx context.Context, id string) (*domain.CatalogItem, error) {
	it, err := scanItem(t.tx.QueryRow(ctx, `SELECT `+itemColumns+` FROM catalog_items WHERE id = $1 FOR UPDATE`, id))
	return nilIfNoRows(&it, err)
}

// PutCatalogItem creates or replaces an item.
func (t *txStore) PutCatalogItem(ctx context.Context, it domain.CatalogItem) error {
	_, err := t.tx.Exec(ctx, `INSERT INTO catalog_items (id, channel, name, min_points, max_points,
		step_points, required_field, active, ordinance_ref) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (id) DO UPDATE SET channel = EXCLUDED.channel, name = EXCLUDED.name,
		min_points = EXCLUDED.min_points, max_points = EXCLUDED.max_points, step_points = EXCLUDED.step_points,
		required_field = EXCLUDED.required_field, active = EXCLUDED.active, ordinance_ref = EXCLUDED.ordinance_ref,
		updated_at = now()`,
		it.ID, it.Channel, it.Name, it.MinPoints, it.MaxPoints, it.StepPoints, it.RequiredField, it.Active, it.OrdinanceRef)
	return err
}
