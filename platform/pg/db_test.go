package pg_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/pg"
)

// addNotice is a store method written once against pg.DB.
func addNotice(ctx context.Context, db pg.DB, id int, title string) error {
	return db.InTx(ctx, func(tx pgx.Tx) error { return insert(id, "SMG-CIVIL", title)(tx) })
}

func TestPoolDBCommitsEachWrite(t *testing.T) {
	pool := db(t)
	require.NoError(t, addNotice(t.Context(), pg.Pool(pool), 1, "공지"))
	require.Equal(t, 1, count(t, pool))
}

// A consumer joins the store to its inbox transaction: the write commits or
// rolls back with that transaction, not on its own.
func TestJoinedDBRunsInTheCallersTransaction(t *testing.T) {
	pool := db(t)
	boom := errors.New("inbox effect failed later")
	err := pg.InTx(t.Context(), pool, func(tx pgx.Tx) error {
		require.NoError(t, addNotice(t.Context(), pg.Joined(tx), 1, "공지"))
		var seen int
		require.NoError(t, pg.Joined(tx).QueryRow(t.Context(), `SELECT count(*) FROM notices`).Scan(&seen))
		require.Equal(t, 1, seen, "reads through the joined DB see the transaction's own writes")
		return boom
	})
	require.ErrorIs(t, err, boom)
	require.Equal(t, 0, count(t, pool), "the joined write rolled back with the caller's transaction")

	err = pg.InTx(t.Context(), pool, func(tx pgx.Tx) error {
		return addNotice(t.Context(), pg.Joined(tx), 2, "")
	})
	require.Error(t, err, "a violated constraint inside a joined InTx is still classified")
}
