package postgres_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/mileage/internal/store/postgres"
)

// Issue 17: postings keep citizens' running balances but never write the
// system accounts' rows (their balances are sums of entries), so postings
// from every citizen do not queue on one issuance row; an unbalanced
// statement and an overdraft are still refused by the database.
func TestPostingsLeaveSystemAccountRowsAlone(t *testing.T) {
	t.Parallel()
	pool := database(t)
	ctx := context.Background()
	_, err := pool.Exec(ctx, `INSERT INTO accounts (code, kind, budget_year) VALUES ('issuance:2026', 'issuance', 2026);
		INSERT INTO accounts (code, kind, subject_id, balance) VALUES ('citizen:s1', 'citizen', 's1', 0)`)
	require.NoError(t, err)
	version := func() (v string) {
		require.NoError(t, pool.QueryRow(ctx, `SELECT xmin::text FROM accounts WHERE code = 'issuance:2026'`).Scan(&v))
		return v
	}
	before := version()
	post := func(id string, amount int64) error {
		_, err := pool.Exec(ctx, `WITH t AS (INSERT INTO ledger_transactions (id, kind, reference, posted_at)
			VALUES ($1, 'grant', 'test', now()))
			INSERT INTO ledger_entries (transaction_id, account, amount) VALUES ($1, 'issuance:2026', -$2::bigint), ($1, 'citizen:s1', $2)`,
			id, amount)
		return err
	}
	require.NoError(t, post("0190f0a0-0000-7000-8000-0000000000a1", 100))
	require.NoError(t, post("0190f0a0-0000-7000-8000-0000000000a2", -40))
	require.Equal(t, before, version(), "a posting rewrote the issuance account's row")

	var balance int64
	require.NoError(t, pool.QueryRow(ctx, `SELECT balance FROM accounts WHERE code = 'citizen:s1'`).Scan(&balance))
	require.EqualValues(t, 60, balance)
	require.ErrorContains(t, post("0190f0a0-0000-7000-8000-0000000000a3", -61), "accounts_balance_check")
	_, err = pool.Exec(ctx, `WITH t AS (INSERT INTO ledger_transactions (id, kind, reference, posted_at)
		VALUES ('0190f0a0-0000-7000-8000-0000000000a4', 'grant', 'test', now()))
		INSERT INTO ledger_entries (transaction_id, account, amount) VALUES ('0190f0a0-0000-7000-8000-0000000000a4', 'citizen:s1', 5)`)
	require.ErrorContains(t, err, "unbalanced")
	require.NoError(t, postgres.CheckLedgerInvariants(ctx, pool))
}
