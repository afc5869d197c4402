package localinfra_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/localinfra"
)

func startPG(t *testing.T, opts localinfra.PostgresOptions) *localinfra.Postgres {
	t.Helper()
	opts.Logf = t.Logf
	pg, err := localinfra.StartPostgres(t.Context(), opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, pg.Stop()) })
	return pg
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func TestPostgresCreateDatabaseAndQuery(t *testing.T) {
	pg := startPG(t, localinfra.PostgresOptions{})
	require.NotZero(t, pg.Port())
	require.Equal(t, "postgres://postgres@127.0.0.1:"+strconv.Itoa(pg.Port())+"/app?sslmode=disable", pg.URL("app"))

	require.NoError(t, pg.CreateDatabase(t.Context(), "app"))
	require.NoError(t, pg.CreateDatabase(t.Context(), "app"), "CreateDatabase must be idempotent")

	conn := connect(t, pg.URL("app"))
	var one int
	require.NoError(t, conn.QueryRow(t.Context(), "SELECT 1").Scan(&one))
	require.Equal(t, 1, one)

	var enc string
	require.NoError(t, conn.QueryRow(t.Context(), "SELECT current_setting('server_encoding')").Scan(&enc))
	require.Equal(t, "UTF8", enc)

	_, err := conn.Exec(t.Context(), "CREATE EXTENSION pg_trgm")
	require.NoError(t, err)
	var sim float64
	require.NoError(t, conn.QueryRow(t.Context(), "SELECT similarity('서울시청', '서울시')").Scan(&sim))
	require.Greater(t, sim, 0.0)
}

// A6.2, A8.1: what `make run` starts acknowledges a commit only once it is
// on disk (fsync, full-page writes, synchronous commit); a test cluster may
// skip fsync for speed but never the synchronous commit.
func TestPostgresDurabilitySettings(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  localinfra.PostgresOptions
		fsync string
	}{
		{"default", localinfra.PostgresOptions{}, "on"},
		{"test cluster", localinfra.PostgresOptions{NoFsync: true}, "off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn := connect(t, startPG(t, tc.opts).URL("postgres"))
			var fsync, fpw, syncCommit string
			require.NoError(t, conn.QueryRow(t.Context(), `SELECT current_setting('fsync'),
				current_setting('full_page_writes'), current_setting('synchronous_commit')`).Scan(&fsync, &fpw, &syncCommit))
			require.Equal(t, "on", syncCommit, "commits are acknowledged only once durable")
			require.Equal(t, tc.fsync, fsync)
			require.Equal(t, tc.fsync, fpw)
		})
	}
}

// A6.2, A8.1: a crash (pg_ctl stop -m immediate) right after commits loses
// none of them; Start recovers the cluster on the same port.
func TestPostgresCrashKeepsAcknowledgedCommits(t *testing.T) {
	pg := startPG(t, localinfra.PostgresOptions{NoFsync: true})
	ctx := t.Context()
	conn, err := pgx.Connect(ctx, pg.URL("postgres"))
	require.NoError(t, err)
	_, err = conn.Exec(ctx, "CREATE TABLE acked (n int PRIMARY KEY)")
	require.NoError(t, err)
	for n := range 200 {
		_, err := conn.Exec(ctx, "INSERT INTO acked VALUES ($1)", n)
		require.NoError(t, err)
	}
	require.True(t, pg.Alive())
	require.NoError(t, pg.Crash())
	require.False(t, pg.Alive(), "crashed")
	_ = conn.Close(context.Background())

	require.NoError(t, pg.Start(ctx))
	require.True(t, pg.Alive())
	var count int
	require.NoError(t, connect(t, pg.URL("postgres")).QueryRow(ctx, "SELECT count(*) FROM acked").Scan(&count))
	require.Equal(t, 200, count, "every acknowledged commit survived the crash")
}

func TestPostgresStopRemovesTempDirAndIsIdempotent(t *testing.T) {
	pg, err := localinfra.StartPostgres(t.Context(), localinfra.PostgresOptions{Logf: t.Logf})
	require.NoError(t, err)
	url := pg.URL("postgres")
	require.NoError(t, pg.Stop())
	require.NoError(t, pg.Stop())

	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	_, err = pgx.Connect(ctx, url)
	require.Error(t, err, "server must be gone after Stop")
}

func TestPostgresBusyPortPicksAnother(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	busy := l.Addr().(*net.TCPAddr).Port

	pg := startPG(t, localinfra.PostgresOptions{Port: busy})
	require.NotEqual(t, busy, pg.Port())
	connect(t, pg.URL("postgres"))
}

// A given Dir survives Stop and its cluster is reused by the next start (the
// dev launcher's persistent data), even if the previous run never stopped.
func TestPostgresReusesGivenDir(t *testing.T) {
	// Not t.TempDir: its directories are mode 0700, which the postgres user
	// (we drop to it when root) cannot traverse.
	parent, err := os.MkdirTemp("", "localinfra-test-*")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(parent) })
	require.NoError(t, os.Chmod(parent, 0o755))
	dir := filepath.Join(parent, "pg")
	first, err := localinfra.StartPostgres(t.Context(), localinfra.PostgresOptions{Dir: dir, Logf: t.Logf})
	require.NoError(t, err)
	require.NoError(t, first.CreateDatabase(t.Context(), "kept"))
	// Simulate a crashed run: no Stop. The next start must cope.
	second := startPG(t, localinfra.PostgresOptions{Dir: dir})
	connect(t, second.URL("kept"))
	require.NoError(t, first.Stop()) // first's server is already gone; Dir stays
	require.DirExists(t, dir)
}

// A cluster whose owner died without Stop (go test -timeout, SIGKILL) is
// reaped by the next StartPostgres.
func TestPostgresReapsClusterOfDeadOwner(t *testing.T) {
	orphan := startPG(t, localinfra.PostgresOptions{})
	dir := filepath.Dir(dataDirOf(t, orphan))
	dead := exec.Command("true")
	require.NoError(t, dead.Run())
	require.NoError(t, os.WriteFile(filepath.Join(dir, "owner.pid"), []byte(strconv.Itoa(dead.Process.Pid)), 0o644))

	startPG(t, localinfra.PostgresOptions{})
	require.NoDirExists(t, dir)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	_, err := pgx.Connect(ctx, orphan.URL("postgres"))
	require.Error(t, err, "orphaned server must be stopped")
}

// dataDirOf asks the server where its data lives.
func dataDirOf(t *testing.T, pg *localinfra.Postgres) string {
	var dir string
	require.NoError(t, connect(t, pg.URL("postgres")).QueryRow(t.Context(), "SHOW data_directory").Scan(&dir))
	return dir
}
