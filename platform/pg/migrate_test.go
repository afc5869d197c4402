package pg_test

import (
	"context"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

// Replicas of a service start together and each migrates the database at
// start: the migrations run once, one replica at a time, and every replica
// starts.
func TestReplicasMigrateTogether(t *testing.T) {
	t.Parallel()
	url := testinfra.DatabaseURL(t, "blank", func(context.Context, string) error { return nil })
	migrations := fstest.MapFS{
		"00001_a.sql": {Data: []byte("-- +goose Up\nCREATE TABLE a (id int PRIMARY KEY);\nSELECT pg_sleep(0.2);\n")},
		"00002_b.sql": {Data: []byte("-- +goose Up\nCREATE TABLE b (id int PRIMARY KEY);\nINSERT INTO b VALUES (1);\n")},
	}
	const replicas = 4
	var wg sync.WaitGroup
	errs := make(chan error, replicas)
	for range replicas {
		wg.Go(func() {
			pool, err := pgxpool.New(context.Background(), url)
			if err != nil {
				errs <- err
				return
			}
			defer pool.Close()
			errs <- pg.Migrate(context.Background(), pool, migrations)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	pool, err := pgxpool.New(t.Context(), url)
	require.NoError(t, err)
	defer pool.Close()
	var rows int
	require.NoError(t, pool.QueryRow(t.Context(), `SELECT count(*) FROM b`).Scan(&rows))
	require.Equal(t, 1, rows, "each migration ran once")
}
