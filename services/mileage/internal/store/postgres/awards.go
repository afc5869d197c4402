package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

const awardColumns = `id, subject_id, action, coalesce(rule_id, 0), coalesce(rule_version, 0), source_event_id,
	source_kind, source_ref, points, debt_offset, status, coalesce(transaction_id::text, ''), occurred_at, created_at, clawed_back_at,
	coalesce(restores, '')`

func scanAward(row pgx.Row) (domain.Award, error) {
	var a domain.Award
	var status string
	err := row.Scan(&a.ID, &a.Subject, &a.Action, &a.RuleID, &a.RuleVersion, &a.SourceEventID, &a.SourceKind,
		&a.SourceRef, &a.Points, &a.DebtOffset, &status, &a.TransactionID, &a.OccurredAt, &a.CreatedAt, &a.ClawedBackAt, &a.Restores)
	a.Status = domain.AwardStatus(status)
	return a, err
}

const insertAwardSQL = `INSERT INTO awards (id, subject_id, action, rule_id, rule_version, source_event_id,
	source_kind, source_ref, points, debt_offset, status, transaction_id, occurred_at, created_at, restores)
	VALUES ($1, $2, $3, $4, nullif($5, 0), $6, $7, $8, $9, $10, $11, $12, $13, $14, nullif($15, '')) ON CONFLICT DO NOTHING`

// awardArgs are insertAwardSQL's arguments.
func awardArgs(a domain.Award) []any {
	var ruleID *int64
	var txID *string
	if a.RuleID != 0 {
		ruleID = &a.RuleID
	}
	if a.TransactionID != "" {
		txID = &a.TransactionID
	}
	return []any{a.ID, a.Subject, a.Action, ruleID, a.RuleVersion, a.SourceEventID, a.SourceKind, a.SourceRef,
		a.Points, a.DebtOffset, string(a.Status), txID, a.OccurredAt, a.CreatedAt, a.Restores}
}

// LockAward locks one award.
func (t *txStore) LockAward(ctx context.Context, id string) (domain.Award, error) {
	a, err := scanAward(t.tx.QueryRow(ctx, `SELECT `+awardColumns+` FROM awards WHERE id = $1 FOR UPDATE`, id))
	return a, notFound(err, "AWARD_NOT_FOUND")
}

// Award reads one award.
func (s *Store) Award(ctx context.Context, id string) (domain.Award, error) {
	a, err := scanAward(s.db.QueryRow(ctx, `SELECT `+awardColumns+` FROM awards WHERE id = $1`, id))
	return a, notFound(err, "AWARD_NOT_FOUND")
}

// AwardsBySource lists the credited, not yet clawed back awards of a source.
func (t *txStore) AwardsBySource(ctx context.Context, kind, ref string) ([]domain.Award, error) {
	rows, err := t.tx.Query(ctx, `SELECT `+awardColumns+` FROM awards
		WHERE source_kind = $1 AND source_ref = $2 AND status = 'credited' AND clawed_back_at IS NULL ORDER BY id`, kind, ref)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Award, error) { return scanAward(r) })
}

// queueClawedBack records the clawback on the award, and why.
func queueClawedBack(b *pgx.Batch, id string, at time.Time, cause string) {
	b.Queue(`UPDATE awards SET clawed_back_at = $2, clawback_cause = $3 WHERE id = $1`, id, at, cause)
}

// RestorableAwards lists the awards of a source clawed back because it was
// removed and not given back yet.
func (t *txStore) RestorableAwards(ctx context.Context, kind, ref string) ([]domain.Award, error) {
	rows, err := t.tx.Query(ctx, `SELECT `+awardColumns+` FROM awards a
		WHERE source_kind = $1 AND source_ref = $2 AND clawback_cause = 'removal'
			AND NOT EXISTS (SELECT 1 FROM awards r WHERE r.restores = a.id) ORDER BY id`, kind, ref)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Award, error) { return scanAward(r) })
}

// ForgetSourceRemoval drops the removal of a restored source, so an award
// event arriving late earns again.
func (t *txStore) ForgetSourceRemoval(ctx context.Context, kind, ref string) error {
	_, err := t.tx.Exec(ctx, `DELETE FROM removed_sources WHERE source_kind = $1 AND source_ref = $2`, kind, ref)
	return err
}

// countAwardsSQL counts the citizen's credited awards of an action in the
// Seoul day, month and year of an instant, for the caps.
const countAwardsSQL = `SELECT
		count(*) FILTER (WHERE occurred_at >= $3 AND occurred_at < $4),
		count(*) FILTER (WHERE occurred_at >= $5 AND occurred_at < $6),
		count(*)
	FROM awards WHERE subject_id = $1 AND action = $2 AND status = 'credited'
		AND occurred_at >= $7 AND occurred_at < $8`

// countAwardsArgs: period ends are computed in Go, in Seoul time (SQL
// interval arithmetic would follow the session's time zone).
func countAwardsArgs(subject, action string, at time.Time) []any {
	day, month, year, yearEnd := domain.Periods(at)
	return []any{subject, action, day, day.AddDate(0, 0, 1), month, month.AddDate(0, 1, 0), year, yearEnd}
}

// MarkSourceRemoved remembers a removal (once).
func (t *txStore) MarkSourceRemoved(ctx context.Context, kind, ref, ground string, at time.Time) error {
	_, err := t.tx.Exec(ctx, `INSERT INTO removed_sources (source_kind, source_ref, ground, removed_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, kind, ref, ground, at)
	return err
}

// queueAudit records an official's manual grant or reversal, once.
func queueAudit(b *pgx.Batch, a domain.Adjustment) {
	b.Queue(`INSERT INTO manual_adjustments (kind, award_id, subject_id, points, reason, actor,
		actor_roles, department, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
		a.Kind, a.AwardID, a.Subject, a.Points, a.Reason, a.Actor, a.ActorRoles, a.Department, a.At)
}

// notFound gives what was missing its reason.
func notFound(err error, reason string) error {
	if err == pgx.ErrNoRows {
		return errs.NotFound(reason)
	}
	return err
}
