package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

const lotColumns = `id, subject_id, action, points, remaining, expired, clawed_back, revoked, budget_year, earned_at, expires_at`

func scanLot(row pgx.Row) (domain.Lot, error) {
	var l domain.Lot
	err := row.Scan(&l.ID, &l.Subject, &l.Action, &l.Points, &l.Remaining, &l.Expired, &l.ClawedBack, &l.Revoked,
		&l.BudgetYear, &l.EarnedAt, &l.ExpiresAt)
	return l, err
}

func collectLots(rows pgx.Rows, err error) ([]domain.Lot, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Lot, error) { return scanLot(r) })
}

// insertLotsSQL writes new lots, column by column (lotRows).
const insertLotsSQL = `INSERT INTO lots (id, subject_id, action, points, remaining, budget_year, earned_at, expires_at)
	SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::int[],
		$7::timestamptz[], $8::timestamptz[])`

// lotRows are new lots column by column, for insertLotsSQL.
type lotRows struct {
	ids, subjects, actions []string
	points, remaining      []int64
	years                  []int
	earned, expires        []time.Time
}

func (r *lotRows) add(l domain.Lot) {
	r.ids, r.subjects, r.actions = append(r.ids, l.ID), append(r.subjects, l.Subject), append(r.actions, l.Action)
	r.points, r.remaining, r.years = append(r.points, l.Points), append(r.remaining, l.Remaining), append(r.years, l.BudgetYear)
	r.earned, r.expires = append(r.earned, l.EarnedAt), append(r.expires, l.ExpiresAt)
}

func (r *lotRows) args() []any {
	return []any{r.ids, r.subjects, r.actions, r.points, r.remaining, r.years, r.earned, r.expires}
}

// LockLot locks one lot; nil when the award made none.
func (t *txStore) LockLot(ctx context.Context, id string) (*domain.Lot, error) {
	l, err := scanLot(t.tx.QueryRow(ctx, `SELECT `+lotColumns+` FROM lots WHERE id = $1 FOR UPDATE`, id))
	return nilIfNoRows(&l, err)
}

// LockLiveLots locks the citizen's lots that still hold points, in FIFO
// order (the caller already holds the account lock).
func (t *txStore) LockLiveLots(ctx context.Context, subject string) ([]domain.Lot, error) {
	return collectLots(t.tx.Query(ctx, `SELECT `+lotColumns+` FROM lots WHERE subject_id = $1 AND remaining > 0
		ORDER BY expires_at, earned_at, id FOR UPDATE`, subject))
}

// LockExpiredLots locks the citizen's expired lots that still hold points.
func (t *txStore) LockExpiredLots(ctx context.Context, subject string, now time.Time) ([]domain.Lot, error) {
	return collectLots(t.tx.Query(ctx, `SELECT `+lotColumns+` FROM lots WHERE subject_id = $1 AND remaining > 0
		AND expires_at <= $2 ORDER BY expires_at, id FOR UPDATE`, subject, now))
}

// ClaimLotsToAnnounce claims lots expiring in (now, until] that were not
// announced, skipping rows another replica has claimed.
func (t *txStore) ClaimLotsToAnnounce(ctx context.Context, now, until time.Time, limit int) ([]domain.Lot, error) {
	return collectLots(t.tx.Query(ctx, `SELECT `+lotColumns+` FROM lots WHERE remaining > 0 AND expiry_announced_at IS NULL
		AND expires_at > $1 AND expires_at <= $2 ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED`, now, until, limit))
}

// queueMarkAnnounced records that the lots' expiry was announced.
func queueMarkAnnounced(b *pgx.Batch, ids []string, at time.Time) {
	b.Queue(`UPDATE lots SET expiry_announced_at = $2 WHERE id = ANY($1)`, ids, at)
}

// LockLots locks the lots of ids (those a redemption took from).
func (t *txStore) LockLots(ctx context.Context, ids []string) ([]domain.Lot, error) {
	return collectLots(t.tx.Query(ctx, `SELECT `+lotColumns+` FROM lots WHERE id = ANY($1) ORDER BY id FOR UPDATE`, ids))
}

// queueUpdateLot stores a lot's counters.
func queueUpdateLot(b *pgx.Batch, l domain.Lot) {
	b.Queue(`UPDATE lots SET remaining = $2, expired = $3, clawed_back = $4, revoked = $5 WHERE id = $1`,
		l.ID, l.Remaining, l.Expired, l.ClawedBack, l.Revoked)
}

// SubjectsWithExpiredLots lists citizens with expired points left.
func (s *Store) SubjectsWithExpiredLots(ctx context.Context, now time.Time, limit int) ([]string, error) {
	rows, err := s.db.Query(ctx, `SELECT DISTINCT subject_id FROM lots WHERE remaining > 0 AND expires_at <= $1 LIMIT $2`, now, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}
