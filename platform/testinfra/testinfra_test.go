package testinfra_test

import (
	"context"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

var migrations atomic.Int32

// migrateNotices is what a service's embedded migrations would do; it opens
// and closes its own connection, as testinfra.Migrate requires.
func migrateNotices(ctx context.Context, url string) error {
	migrations.Add(1)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `
		CREATE EXTENSION IF NOT EXISTS pg_trgm;
		CREATE TABLE notices (id bigserial PRIMARY KEY, title text NOT NULL);
		INSERT INTO notices (title) VALUES ('서울시 공지');`)
	return err
}

func titles(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(t.Context(), "SELECT title FROM notices ORDER BY id")
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return out
}

func TestDatabaseClonesAreMigratedAndIndependent(t *testing.T) {
	a := testinfra.Database(t, "notices", migrateNotices)
	b := testinfra.Database(t, "notices", migrateNotices)

	require.Equal(t, []string{"서울시 공지"}, titles(t, a))
	require.Equal(t, []string{"서울시 공지"}, titles(t, b))

	_, err := a.Exec(t.Context(), "INSERT INTO notices (title) VALUES ('only in a')")
	require.NoError(t, err)
	require.Equal(t, []string{"서울시 공지", "only in a"}, titles(t, a))
	require.Equal(t, []string{"서울시 공지"}, titles(t, b), "clones must not share data")
	require.EqualValues(t, 1, migrations.Load(), "migrate runs once per key")
}

func TestDatabaseParallelClones(t *testing.T) {
	for range 8 {
		t.Run("clone", func(t *testing.T) {
			t.Parallel()
			pool := testinfra.Database(t, "notices", migrateNotices)
			_, err := pool.Exec(t.Context(), "INSERT INTO notices (title) VALUES ('x')")
			require.NoError(t, err)
			require.Len(t, titles(t, pool), 2)
		})
	}
}

func TestDatabaseURLIsDroppedAfterTest(t *testing.T) {
	var url string
	t.Run("inner", func(t *testing.T) {
		url = testinfra.DatabaseURL(t, "notices", migrateNotices)
		conn, err := pgx.Connect(t.Context(), url)
		require.NoError(t, err)
		defer conn.Close(t.Context())
		var n int
		require.NoError(t, conn.QueryRow(t.Context(), "SELECT count(*) FROM notices").Scan(&n))
		require.Equal(t, 1, n)
		// Left open on purpose: DROP ... WITH (FORCE) must still succeed.
		_, err = pgx.Connect(t.Context(), url)
		require.NoError(t, err)
	})
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	_, err := pgx.Connect(ctx, url)
	require.ErrorContains(t, err, "does not exist")
}

func TestSharedNATSIsOneServerWithJetStream(t *testing.T) {
	n := testinfra.NATS(t)
	require.Same(t, n, testinfra.NATS(t))
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	_, err := jsOf(t, n).AccountInfo(ctx)
	require.NoError(t, err, "JetStream must be enabled")
}

func TestFreshNATSKeepsStreamAcrossRestart(t *testing.T) {
	n := testinfra.FreshNATS(t)
	require.NotEqual(t, testinfra.NATS(t).URL(), n.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()

	js := jsOf(t, n)
	_, err := js.CreateStream(ctx, jetstream.StreamConfig{
		Name: "EVENTS", Subjects: []string{"event.>"}, Storage: jetstream.FileStorage,
	})
	require.NoError(t, err)
	_, err = js.Publish(ctx, "event.joined", []byte("citizen-1"))
	require.NoError(t, err)

	require.NoError(t, n.Restart())

	js = jsOf(t, n)
	stream, err := js.Stream(ctx, "EVENTS")
	require.NoError(t, err)
	msg, err := stream.GetMsg(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, "citizen-1", string(msg.Data))
}

func jsOf(t *testing.T, n *localinfra.NATS) jetstream.JetStream {
	_, js := testinfra.JetStream(t, n)
	return js
}
