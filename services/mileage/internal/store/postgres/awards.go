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

// insertAwardsSQL writes awards, column by column (awardRows).
const insertAwardsSQL = `INSERT INTO awards (id, subject_id, action, rule_id, rule_version, source_event_id,
	source_kind, source_ref, points, debt_offset, status, transaction_id, occurred_at, created_at, restores)
	SELECT id, subject_id, action, nullif(rule_id, 0), nullif(rule_version, 0), source_event_id, source_kind, source_ref,
		points, debt_offset, status, nullif(transaction_id, '')::uuid, occurred_at, created_at, nullif(restores, '')
	FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::text[], $7::text[], $8::text[],
		$9::bigint[], $10::bigint[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[], $15::text[])
		AS a (id, subject_id, action, rule_id, rule_version, source_event_id, source_kind, source_ref, points,
			debt_offset, status, transaction_id, occurred_at, created_at, restores)
	ON CONFLICT DO NOTHING`

// awardRows are awards column by column, for insertAwardsSQL.
type awardRows struct {
	ids, subjects, actions   []string
	ruleIDs                  []int64
	ruleVersions             []int
	eventIDs, kinds, refs    []string
	points, offsets          []int64
	statuses, transactionIDs []string
	occurred, created        []time.Time
	restores                 []string
}

func (r *awardRows) add(a domain.Award) {
	r.ids, r.subjects, r.actions = append(r.ids, a.ID), append(r.subjects, a.Subject), append(r.actions, a.Action)
	r.ruleIDs, r.ruleVersions = append(r.ruleIDs, a.RuleID), append(r.ruleVersions, a.RuleVersion)
	r.eventIDs, r.kinds, r.refs = append(r.eventIDs, a.SourceEventID), append(r.kinds, a.SourceKind), append(r.refs, a.SourceRef)
	r.points, r.offsets = append(r.points, a.Points), append(r.offsets, a.DebtOffset)
	r.statuses, r.transactionIDs = append(r.statuses, string(a.Status)), append(r.transactionIDs, a.TransactionID)
	r.occurred, r.created, r.restores = append(r.occurred, a.OccurredAt), append(r.created, a.CreatedAt), append(r.restores, a.Restores)
}

func (r *awardRows) args() []any {
	return []any{r.ids, r.subjects, r.actions, r.ruleIDs, r.ruleVersions, r.eventIDs, r.kinds, r.refs, r.points,
		r.offsets, r.statuses, r.transactionIDs, r.occurred, r.created, r.restores}
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
