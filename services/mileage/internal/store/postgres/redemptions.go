package postgres

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

const redemptionColumns = `id::text, subject_id, idempotency_key, request_hash, item_id, channel, points, account_token,
	masked_account, status, partner_reference, failure_reason, created_at, hold_expires_at, completed_at`

func scanRedemption(row pgx.Row) (domain.Redemption, error) {
	var r domain.Redemption
	var status string
	err := row.Scan(&r.ID, &r.Subject, &r.IdempotencyKey, &r.RequestHash, &r.ItemID, &r.Channel, &r.Points,
		&r.AccountToken, &r.MaskedAccount, &status, &r.PartnerReference, &r.FailureReason, &r.CreatedAt,
		&r.HoldExpiresAt, &r.CompletedAt)
	r.Status = domain.RedemptionStatus(status)
	return r, err
}

// queueInsertRedemption stores a held redemption with the lots it took from.
func queueInsertRedemption(b *pgx.Batch, r domain.Redemption, allocs []domain.Allocation) {
	b.Queue(`INSERT INTO redemptions (id, subject_id, idempotency_key, request_hash, item_id, channel, points,
		account_token, masked_account, status, created_at, hold_expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		r.ID, r.Subject, r.IdempotencyKey, r.RequestHash, r.ItemID, r.Channel, r.Points, r.AccountToken,
		r.MaskedAccount, string(r.Status), r.CreatedAt, r.HoldExpiresAt)
	for _, a := range allocs {
		b.Queue(`INSERT INTO hold_allocations (redemption_id, lot_id, budget_year, points) VALUES ($1, $2, $3, $4)`,
			r.ID, a.LotID, a.BudgetYear, a.Points)
	}
}

// RedemptionByKey finds a citizen's redemption by idempotency key.
func (t *txStore) RedemptionByKey(ctx context.Context, subject, key string) (*domain.Redemption, error) {
	return redemptionByKey(ctx, t.tx, subject, key)
}

// RedemptionByKey finds a citizen's redemption by idempotency key.
func (s *Store) RedemptionByKey(ctx context.Context, subject, key string) (*domain.Redemption, error) {
	return redemptionByKey(ctx, s.db, subject, key)
}

func redemptionByKey(ctx context.Context, q querier, subject, key string) (*domain.Redemption, error) {
	r, err := scanRedemption(q.QueryRow(ctx, `SELECT `+redemptionColumns+` FROM redemptions
		WHERE subject_id = $1 AND idempotency_key = $2`, subject, key))
	return nilIfNoRows(&r, err)
}

// LockRedemption locks one redemption.
func (t *txStore) LockRedemption(ctx context.Context, id string) (*domain.Redemption, error) {
	r, err := scanRedemption(t.tx.QueryRow(ctx, `SELECT `+redemptionColumns+` FROM redemptions WHERE id = $1 FOR UPDATE`, id))
	if err != nil {
		return nil, notFound(err, "REDEMPTION_NOT_FOUND")
	}
	return &r, nil
}

// Redemption reads one redemption.
func (s *Store) Redemption(ctx context.Context, id string) (domain.Redemption, error) {
	return redemptionByID(ctx, s.db, id)
}

func redemptionByID(ctx context.Context, q querier, id string) (domain.Redemption, error) {
	if _, err := uuid.Parse(id); err != nil {
		return domain.Redemption{}, errs.NotFound("REDEMPTION_NOT_FOUND")
	}
	r, err := scanRedemption(q.QueryRow(ctx, `SELECT `+redemptionColumns+` FROM redemptions WHERE id = $1`, id))
	return r, notFound(err, "REDEMPTION_NOT_FOUND")
}

// Allocations lists the lots a redemption took from.
func (t *txStore) Allocations(ctx context.Context, redemptionID string) ([]domain.Allocation, error) {
	rows, err := t.tx.Query(ctx, `SELECT lot_id, budget_year, points FROM hold_allocations WHERE redemption_id = $1 ORDER BY lot_id`, redemptionID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Allocation, error) {
		var a domain.Allocation
		return a, r.Scan(&a.LotID, &a.BudgetYear, &a.Points)
	})
}

// queueFinishRedemption stores the outcome of a held redemption.
func queueFinishRedemption(b *pgx.Batch, r domain.Redemption) {
	b.Queue(`UPDATE redemptions SET status = $2, partner_reference = $3, failure_reason = $4,
		completed_at = $5 WHERE id = $1 AND status = 'held'`,
		r.ID, string(r.Status), r.PartnerReference, r.FailureReason, r.CompletedAt)
}

// ExpiredHolds lists held redemptions past their hold expiry.
func (s *Store) ExpiredHolds(ctx context.Context, now time.Time, limit int) ([]domain.Redemption, error) {
	rows, err := s.db.Query(ctx, `SELECT `+redemptionColumns+` FROM redemptions WHERE status = 'held' AND hold_expires_at <= $1
		ORDER BY hold_expires_at LIMIT $2`, now, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Redemption, error) { return scanRedemption(r) })
}

// listRedemptions serves one page of a citizen's redemptions, newest first
// (ids are UUIDv7, so by creation), keyset-paged: the token holds the last
// id and is bound to the subject; one row more than the page says whether
// another follows.
func (s *Store) listRedemptions(ctx context.Context, subject string, page pagetoken.Page) ([]domain.Redemption, string, error) {
	query := pagetoken.Fingerprint("redemptions", subject)
	before, err := decodeID(page.Token, query)
	if err != nil {
		return nil, "", err
	}
	rows, err := s.db.Query(ctx, `SELECT `+redemptionColumns+` FROM redemptions
		WHERE subject_id = $1 AND ($2::uuid IS NULL OR id < $2::uuid) ORDER BY id DESC LIMIT $3`, subject, before, page.Size+1)
	if err != nil {
		return nil, "", err
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Redemption, error) { return scanRedemption(r) })
	if err != nil {
		return nil, "", err
	}
	out, next := pagetoken.Cut(list, page.Size, func(r domain.Redemption) string {
		return pagetoken.EncodeFor(query, idKey{Before: r.ID})
	})
	return out, next, nil
}

// ForgetRedemptionData blanks the personal fields of an erased subject's
// redemptions (A10.4): the privacy token, the masked card or account number
// and the request fingerprint, which hashes the number without a salt. The
// ledger is not touched (redemptions carry no immutability trigger; only
// ledger_entries and ledger_transactions do). The citizen's account row is
// locked first, the one lock order, so an erasure queues behind a hold or
// settlement in progress; a subject without an account has no redemptions,
// and none is created for them.
func (t *txStore) ForgetRedemptionData(ctx context.Context, subject string) (int64, error) {
	var one int
	err := t.tx.QueryRow(ctx, `SELECT 1 FROM accounts WHERE code = $1 FOR UPDATE`,
		domain.Citizen(subject).Code()).Scan(&one)
	if err == pgx.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	tag, err := t.tx.Exec(ctx, `UPDATE redemptions SET account_token = '', masked_account = '', request_hash = ''
		WHERE subject_id = $1 AND (account_token <> '' OR masked_account <> '' OR request_hash <> '')`, subject)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}
