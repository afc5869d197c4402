package pg_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// A service's migrations: a table with the constraints MapError classifies.
var migrations = fstest.MapFS{"00001_notices.sql": {Data: []byte(`
-- +goose Up
CREATE TABLE departments (code text PRIMARY KEY);
CREATE TABLE notices (
  id int PRIMARY KEY,
  department text NOT NULL REFERENCES departments (code),
  title varchar(10) NOT NULL CHECK (title <> '')
);
-- +goose Down
DROP TABLE notices;
DROP TABLE departments;
`)}}

func db(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool := testinfra.Database(t, "pg-test", func(ctx context.Context, url string) error {
		return pg.MigrateURL(ctx, url, migrations)
	})
	_, err := pool.Exec(t.Context(), `INSERT INTO departments VALUES ('SMG-CIVIL')`)
	require.NoError(t, err)
	return pool
}

func count(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(t.Context(), `SELECT count(*) FROM notices`).Scan(&n))
	return n
}

func insert(id int, department, title string) func(pgx.Tx) error {
	return func(tx pgx.Tx) error {
		_, err := tx.Exec(context.Background(), `INSERT INTO notices VALUES ($1, $2, $3)`, id, department, title)
		return err
	}
}

// Migrations also create the platform's outbox and inbox tables.
func TestMigrateAppliesPlatformAndServiceTables(t *testing.T) {
	pool := db(t)
	for _, table := range []string{"outbox", "inbox", "notices"} {
		var exists bool
		require.NoError(t, pool.QueryRow(t.Context(), `SELECT to_regclass($1) IS NOT NULL`, table).Scan(&exists))
		require.True(t, exists, table)
	}
}

func TestInTxCommitsOnNilAndRollsBackOnError(t *testing.T) {
	pool := db(t)
	require.NoError(t, pg.InTx(t.Context(), pool, insert(1, "SMG-CIVIL", "공지")))
	boom := errors.New("boom")
	err := pg.InTx(t.Context(), pool, func(tx pgx.Tx) error {
		require.NoError(t, insert(2, "SMG-CIVIL", "공지")(tx))
		return boom
	})
	require.ErrorIs(t, err, boom)
	require.Equal(t, 1, count(t, pool), "the failed transaction left nothing")
}

func TestInTxRollsBackOnPanic(t *testing.T) {
	pool := db(t)
	require.Panics(t, func() {
		_ = pg.InTx(t.Context(), pool, func(tx pgx.Tx) error {
			require.NoError(t, insert(1, "SMG-CIVIL", "공지")(tx))
			panic("handler bug")
		})
	})
	require.Equal(t, 0, count(t, pool))
}

// Constraint violations come back as the error kinds the gRPC layer maps
// to codes, classified by SQLSTATE.
func TestMapErrorClassifiesBySQLState(t *testing.T) {
	pool := db(t)
	require.NoError(t, pg.InTx(t.Context(), pool, insert(1, "SMG-CIVIL", "공지")))
	cases := []struct {
		name string
		fn   func(pgx.Tx) error
		kind errs.Kind
	}{
		{"duplicate key", insert(1, "SMG-CIVIL", "공지"), errs.KindAlreadyExists},
		{"unknown department", insert(2, "SMG-NOWHERE", "공지"), errs.KindFailedPrecondition},
		{"check", insert(3, "SMG-CIVIL", ""), errs.KindInvalid},
		{"too long", insert(4, "SMG-CIVIL", "열 글자를 넘는 아주 긴 제목입니다"), errs.KindInvalid},
		{"no rows", func(tx pgx.Tx) error {
			var id int
			return tx.QueryRow(context.Background(), `SELECT id FROM notices WHERE id = 99`).Scan(&id)
		}, errs.KindNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := pg.InTx(t.Context(), pool, c.fn)
			require.Equal(t, c.kind, errs.KindOf(err), "%v", err)
		})
	}
	require.Equal(t, 1, count(t, pool))
}

// Two serializable transactions writing on each other's reads: the loser
// is told to retry (Conflict), not given an internal error.
func TestSerializationFailureIsConflict(t *testing.T) {
	pool := db(t)
	ctx := t.Context()
	serializable := pgx.TxOptions{IsoLevel: pgx.Serializable}
	first, err := pool.BeginTx(ctx, serializable)
	require.NoError(t, err)
	defer first.Rollback(ctx) //nolint:errcheck
	var n int
	require.NoError(t, first.QueryRow(ctx, `SELECT count(*) FROM notices`).Scan(&n))

	err = pg.InTxWith(ctx, pool, serializable, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM notices`).Scan(&n); err != nil {
			return err
		}
		return insert(1, "SMG-CIVIL", "공지")(tx)
	})
	require.NoError(t, err)
	_, err = first.Exec(ctx, `INSERT INTO notices VALUES (2, 'SMG-CIVIL', '공지')`)
	if err == nil {
		err = first.Commit(ctx)
	}
	require.Equal(t, errs.KindConflict, errs.KindOf(pg.MapError(err)), "%v", err)
}

// An outage of the database is KindUnavailable (HTTP 503, retry later),
// never Internal: a refused connect, a backend ended by the server, and a
// server crashed in the middle of a transaction.
func TestDatabaseOutageIsUnavailable(t *testing.T) {
	server, err := localinfra.StartPostgres(t.Context(), localinfra.PostgresOptions{NoFsync: true, Logf: t.Logf})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, server.Stop()) })
	pool, err := pgxpool.New(t.Context(), server.URL("postgres"))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	requireUnavailable := func(err error) {
		t.Helper()
		require.Error(t, err)
		require.True(t, pg.Unavailable(err), "%v", err)
		require.Equal(t, errs.KindUnavailable, errs.KindOf(pg.MapError(err)), "%v", err)
	}

	var pid int
	require.NoError(t, pool.QueryRow(t.Context(), "SELECT pg_backend_pid()").Scan(&pid))
	err = pg.InTx(t.Context(), pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(t.Context(), "SELECT pg_terminate_backend($1)", pid); err != nil {
			return err
		}
		_, err := tx.Exec(t.Context(), "SELECT 1")
		return err
	})
	requireUnavailable(err) // 57P01, or the socket closed under it

	err = pg.InTx(t.Context(), pool, func(tx pgx.Tx) error {
		require.NoError(t, server.Crash())
		_, err := tx.Exec(t.Context(), "SELECT 1")
		return err
	})
	requireUnavailable(err)
	requireUnavailable(pg.InTx(t.Context(), pool, insert(1, "SMG-CIVIL", "x"))) // refused

	require.NoError(t, server.Start(t.Context()))
	require.NoError(t, pool.Ping(t.Context()), "the same pool serves again once the server is back")
	require.False(t, pg.Unavailable(pg.InTx(t.Context(), pool, insert(1, "SMG-CIVIL", "x"))), "a plain SQL error is not an outage")
}
