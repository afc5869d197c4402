package postgres_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
	"github.com/seoul-gov/homepage/services/mileage/internal/events"
	"github.com/seoul-gov/homepage/services/mileage/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/mileage/migrations"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

func database(tb testing.TB) *pgxpool.Pool {
	return testinfra.Database(tb, "mileage", func(ctx context.Context, url string) error {
		return pg.MigrateURL(ctx, url, migrations.FS)
	})
}

func newID() string { return time.Now().Format("150405.000000000") }

// posting moves points from the issuance account to a citizen.
func posting(id, subject string, points int64) domain.Posting {
	p := domain.Posting{ID: id, Kind: domain.TxGrant, Reference: "test", PostedAt: time.Now()}
	p.Add(domain.Issuance(2026), -points)
	p.Add(domain.Citizen(subject), points)
	return p
}

// The database itself keeps the ledger honest, whatever code writes to it.
func TestLedgerRulesAreEnforcedByTheDatabase(t *testing.T) {
	t.Parallel()
	pool := database(t)
	ctx := context.Background()
	store := postgres.New(pg.Pool(pool), events.Writer)
	const txID = "0190f0a0-0000-7000-8000-000000000001"
	require.NoError(t, store.Post(ctx, posting(txID, "s1", 100)))

	t.Run("entries are immutable", func(t *testing.T) {
		_, err := pool.Exec(ctx, `UPDATE ledger_entries SET amount = amount * 2`)
		require.ErrorContains(t, err, "ledger ledger_entries rows are immutable")
		_, err = pool.Exec(ctx, `DELETE FROM ledger_entries`)
		require.ErrorContains(t, err, "ledger ledger_entries rows are immutable")
		_, err = pool.Exec(ctx, `DELETE FROM ledger_transactions`)
		require.ErrorContains(t, err, "ledger ledger_transactions rows are immutable")
		_, err = pool.Exec(ctx, `TRUNCATE ledger_entries CASCADE`)
		require.ErrorContains(t, err, "rows are immutable")
	})
	t.Run("an unbalanced transaction cannot commit", func(t *testing.T) {
		const id = "0190f0a0-0000-7000-8000-000000000002"
		err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO ledger_transactions (id, kind, reference, posted_at)
				VALUES ('`+id+`', 'grant', 'x', now());
				INSERT INTO ledger_entries (transaction_id, account, amount)
				VALUES ('`+id+`', 'issuance:2026', -5)`)
			return err
		})
		require.ErrorContains(t, err, "ledger transaction "+id+" is unbalanced")
		require.Zero(t, count(t, pool, `SELECT count(*) FROM ledger_transactions WHERE id = $1`, id))
	})
	t.Run("no entry joins a committed transaction", func(t *testing.T) {
		// An account the transaction has no entry on yet, so only the
		// balance trigger (not UNIQUE (transaction_id, account)) can refuse.
		_, err := pool.Exec(ctx, `INSERT INTO accounts (code, kind, budget_year) VALUES ('breakage:2026', 'breakage', 2026)`)
		require.NoError(t, err)
		_, err = pool.Exec(ctx, `INSERT INTO ledger_entries (transaction_id, account, amount) VALUES ($1, 'breakage:2026', 7)`, txID)
		require.ErrorContains(t, err, "ledger transaction "+txID+" is unbalanced")
		require.Equal(t, 2, count(t, pool, `SELECT count(*) FROM ledger_entries WHERE transaction_id = $1`, txID))
	})
	t.Run("no balanced pair joins a committed transaction", func(t *testing.T) {
		_, err := pool.Exec(ctx, `INSERT INTO accounts (code, kind, budget_year) VALUES ('clawback:2026', 'clawback', 2026)`)
		require.NoError(t, err)
		_, err = pool.Exec(ctx, `INSERT INTO ledger_entries (transaction_id, account, amount)
			VALUES ($1, 'breakage:2026', 7), ($1, 'clawback:2026', -7)`, txID)
		require.ErrorContains(t, err, "ledger transaction "+txID+" is unbalanced")
		require.Equal(t, 2, count(t, pool, `SELECT count(*) FROM ledger_entries WHERE transaction_id = $1`, txID))
	})
	// 00009 checks in the entries' statement trigger what foreign keys did.
	t.Run("entries only on existing accounts and transactions", func(t *testing.T) {
		const id = "0190f0a0-0000-7000-8000-000000000004"
		_, err := pool.Exec(ctx, `WITH t AS (INSERT INTO ledger_transactions (id, kind, reference, posted_at) VALUES ($1, 'grant', 'x', now()))
			INSERT INTO ledger_entries (transaction_id, account, amount) VALUES ($1, 'issuance:2031', -5), ($1, 'citizen:s1', 5)`, id)
		require.ErrorContains(t, err, "ledger account issuance:2031 does not exist")
		require.True(t, pg.IsCode(err, pg.ForeignKeyViolation), "%v", err)
		_, err = pool.Exec(ctx, `INSERT INTO ledger_entries (transaction_id, account, amount) VALUES ($1, 'issuance:2026', -5), ($1, 'citizen:s1', 5)`, id)
		require.ErrorContains(t, err, "ledger transaction "+id+" does not exist")
		require.True(t, pg.IsCode(err, pg.ForeignKeyViolation), "%v", err)
		require.Zero(t, count(t, pool, `SELECT count(*) FROM ledger_entries WHERE transaction_id = $1`, id))
	})
	t.Run("accounts are never deleted nor renamed", func(t *testing.T) {
		_, err := pool.Exec(ctx, `DELETE FROM accounts WHERE code = 'breakage:2026'`)
		require.ErrorContains(t, err, "accounts are never deleted nor renamed")
		_, err = pool.Exec(ctx, `UPDATE accounts SET code = 'citizen:s9' WHERE code = 'citizen:s1'`)
		require.ErrorContains(t, err, "accounts are never deleted nor renamed")
		_, err = pool.Exec(ctx, `TRUNCATE accounts CASCADE`)
		require.ErrorContains(t, err, "accounts are never deleted nor renamed")
	})
	t.Run("a citizen's account is created by its first entry", func(t *testing.T) {
		require.NoError(t, store.Post(ctx, posting("0190f0a0-0000-7000-8000-000000000005", "s2", 30)))
		var kind, subject string
		var balance int64
		require.NoError(t, pool.QueryRow(ctx, `SELECT kind, subject_id, balance FROM accounts WHERE code = 'citizen:s2'`).Scan(&kind, &subject, &balance))
		require.Equal(t, []any{"citizen", "s2", int64(30)}, []any{kind, subject, balance})
		err := store.Post(ctx, posting("0190f0a0-0000-7000-8000-000000000006", "s3", -5))
		require.True(t, errs.Is(err, errs.KindFailedPrecondition), "%v", err)
		require.Zero(t, count(t, pool, `SELECT count(*) FROM accounts WHERE code = 'citizen:s3'`))
	})
	t.Run("a citizen's balance cannot go negative", func(t *testing.T) {
		err := store.Post(ctx, posting("0190f0a0-0000-7000-8000-000000000003", "s1", -500))
		require.True(t, errs.Is(err, errs.KindFailedPrecondition), "%v", err)
	})
	var balance int64
	require.NoError(t, pool.QueryRow(ctx, `SELECT balance FROM accounts WHERE code = 'citizen:s1'`).Scan(&balance))
	require.EqualValues(t, 100, balance)
	// The invariant check sees the lot-less grant of this test: it must
	// report that the balance is not backed by lots.
	require.ErrorContains(t, postgres.CheckInvariants(ctx, pool), "lots' remainders")
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}
