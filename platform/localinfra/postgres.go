package localinfra

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// PostgresOptions configures StartPostgres.
type PostgresOptions struct {
	// Dir holds the cluster (Dir/data), its log and its unix socket. Empty
	// means a fresh temporary directory, removed by Stop. A given Dir is kept
	// by Stop and an existing cluster in it is reused (persistent dev data).
	Dir string
	// Port is the TCP port on 127.0.0.1; 0 picks a free one. A busy port
	// (e.g. held by a crashed earlier run) is replaced by a free one.
	Port int
	// Logf receives progress messages; nil discards them.
	Logf func(format string, args ...any)
	// NoFsync turns fsync (and full-page writes) off for speed. Only for
	// test clusters: a PostgreSQL crash then still loses nothing (the WAL of
	// every acknowledged commit is in the kernel's cache), but a crash of
	// the machine may. Commits are always acknowledged only once their WAL
	// is written (synchronous_commit stays on), whatever this says.
	NoFsync bool
}

// Postgres is a running throwaway cluster. Superuser "postgres", trust auth.
type Postgres struct {
	binDir, dir, dataDir, logFile string
	ownsDir                       bool
	port                          int
	user                          *pgUser
	logf                          func(string, ...any)
	noFsync                       bool

	mu      sync.Mutex
	stopped bool
}

// startAttempts bounds retries when the chosen port is taken between our
// probe and the server's bind (parallel test binaries race for ports).
const startAttempts = 5

// StartPostgres initialises (if needed) and starts a cluster, returning once
// it accepts connections.
func StartPostgres(ctx context.Context, opts PostgresOptions) (*Postgres, error) {
	p, err := newPostgres(opts)
	if err != nil {
		return nil, err
	}
	if err := p.start(ctx, opts.Port); err != nil {
		_ = p.Stop()
		return nil, err
	}
	return p, nil
}

func newPostgres(opts PostgresOptions) (*Postgres, error) {
	binDir, err := pgBinDir()
	if err != nil {
		return nil, err
	}
	u, err := currentPGUser()
	if err != nil {
		return nil, err
	}
	p := &Postgres{binDir: binDir, dir: opts.Dir, user: u, logf: opts.Logf, noFsync: opts.NoFsync}
	if p.logf == nil {
		p.logf = func(string, ...any) {}
	}
	if err := p.prepareDir(); err != nil {
		if p.ownsDir {
			_ = os.RemoveAll(p.dir)
		}
		return nil, err
	}
	p.dataDir = filepath.Join(p.dir, "data")
	p.logFile = filepath.Join(p.dir, "postgres.log")
	return p, nil
}

// prepareDir creates (or adopts) the cluster directory and makes it the
// server account's: postgres refuses to run as root.
func (p *Postgres) prepareDir() error {
	if p.dir == "" {
		p.reapStalePostgres()
		dir, err := makeOwnedTempDir(pgTempPrefix)
		if err != nil {
			return err
		}
		p.dir, p.ownsDir = dir, true
	} else {
		abs, err := filepath.Abs(p.dir)
		if err != nil {
			return err
		}
		p.dir = abs
		if err := os.MkdirAll(abs, 0o700); err != nil {
			return err
		}
	}
	if err := p.user.checkTraversable(p.dir); err != nil {
		return err
	}
	return p.user.chown(p.dir)
}

func (p *Postgres) start(ctx context.Context, wantPort int) error {
	if err := p.initdb(); err != nil {
		return err
	}
	p.stopLeftover()
	var lastErr error
	for attempt := 0; attempt < startAttempts; attempt++ {
		port, err := pickPort(wantPort)
		if err != nil {
			return err
		}
		if wantPort > 0 && port != wantPort {
			p.logf("localinfra: port %d is busy, using %d", wantPort, port)
		}
		wantPort = 0 // on retry any free port will do
		p.port = port
		if lastErr = p.pgCtlStart(); lastErr == nil {
			return p.waitReady(ctx)
		}
		if !strings.Contains(p.logTail(), "could not bind") {
			return lastErr
		}
		p.logf("localinfra: port %d taken while starting, retrying", port)
	}
	return lastErr
}

// initdb creates the cluster unless Dir already holds one.
func (p *Postgres) initdb() error {
	if _, err := os.Stat(filepath.Join(p.dataDir, "PG_VERSION")); err == nil {
		p.logf("localinfra: reusing cluster in %s", p.dataDir)
		return nil
	}
	initdb := filepath.Join(p.binDir, "initdb")
	base := []string{"-D", p.dataDir, "--auth=trust", "-U", "postgres", "-E", "UTF8"}
	p.logf("localinfra: initdb %s", p.dataDir)
	_, err := p.user.run(p.dir, initdb, append(base, "--locale=C.UTF-8")...)
	if err == nil {
		return nil
	}
	// Minimal images may lack the C.UTF-8 locale; the encoding still works.
	p.logf("localinfra: initdb with C.UTF-8 failed, retrying with --no-locale")
	if rmErr := os.RemoveAll(p.dataDir); rmErr != nil {
		return errors.Join(err, rmErr)
	}
	if _, err2 := p.user.run(p.dir, initdb, append(base, "--no-locale")...); err2 != nil {
		return errors.Join(err, err2)
	}
	return nil
}

// stopLeftover stops a server a crashed earlier run left on a reused Dir;
// otherwise pg_ctl start would fail on the existing postmaster.pid.
func (p *Postgres) stopLeftover() {
	if _, err := os.Stat(filepath.Join(p.dataDir, "postmaster.pid")); err != nil {
		return
	}
	p.logf("localinfra: stopping leftover server in %s", p.dataDir)
	_, _ = p.user.run(p.dir, filepath.Join(p.binDir, "pg_ctl"), "-D", p.dataDir, "-m", "immediate", "-w", "stop")
}

func (p *Postgres) pgCtlStart() error {
	if err := p.writeConf(); err != nil {
		return err
	}
	p.logf("localinfra: starting postgres on 127.0.0.1:%d", p.port)
	// A fresh log per attempt, so logTail shows this attempt's failure only.
	_ = os.Remove(p.logFile)
	_, err := p.user.run(p.dir, filepath.Join(p.binDir, "pg_ctl"),
		"-w", "-t", "60", "-D", p.dataDir, "-l", p.logFile, "start")
	if err != nil {
		return fmt.Errorf("%w\n--- %s ---\n%s", err, p.logFile, p.logTail())
	}
	return nil
}

// confName is included from postgresql.conf and rewritten on every start,
// so a reused cluster picks up the current port and socket directory.
const confName = "localinfra.conf"

func (p *Postgres) writeConf() error {
	settings := fmt.Sprintf(`# written by localinfra on every start
listen_addresses = '127.0.0.1'
port = %d
unix_socket_directories = '%s'
max_connections = 300
shared_buffers = 128MB
# A commit is acknowledged only once its WAL is on disk: never turn this off
# (issue 22: acknowledged complaints and posts were lost in crashes).
synchronous_commit = on
%s`, p.port, strings.ReplaceAll(p.dir, "'", "''"), p.durability())
	if err := os.WriteFile(filepath.Join(p.dataDir, confName), []byte(settings), 0o600); err != nil {
		return err
	}
	if err := p.includeConf(); err != nil {
		return err
	}
	return p.user.chown(filepath.Join(p.dataDir, confName))
}

// durability is the fsync part of the configuration: on (with full-page
// writes, so a torn page can be repaired after a power cut) unless the
// cluster is a test cluster that asked for speed.
func (p *Postgres) durability() string {
	if p.noFsync {
		return "# test cluster: survives a PostgreSQL crash, not a machine crash\nfsync = off\nfull_page_writes = off\n"
	}
	return "fsync = on\nfull_page_writes = on\n"
}

// includeConf appends the include line to postgresql.conf once.
func (p *Postgres) includeConf() error {
	main := filepath.Join(p.dataDir, "postgresql.conf")
	b, err := os.ReadFile(main)
	if err != nil {
		return err
	}
	line := "include_if_exists = '" + confName + "'"
	if strings.Contains(string(b), line) {
		return nil
	}
	f, err := os.OpenFile(main, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString("\n" + line + "\n")
	return errors.Join(err, f.Close())
}

// waitReady confirms with a real login: pg_ctl -w only checks the pid file.
func (p *Postgres) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, p.URL("postgres"))
		if err == nil {
			return conn.Close(ctx)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("localinfra: postgres not ready: %w\n%s", err, p.logTail())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// logTail returns the end of the server log for error messages.
func (p *Postgres) logTail() string {
	b, _ := os.ReadFile(p.logFile)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// URL returns a connection URL for database db on this cluster.
func (p *Postgres) URL(db string) string {
	return "postgres://postgres@127.0.0.1:" + strconv.Itoa(p.port) + "/" + db + "?sslmode=disable"
}

// Port returns the TCP port the cluster listens on.
func (p *Postgres) Port() int { return p.port }

// CreateDatabase creates database name; an existing one is fine.
func (p *Postgres) CreateDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, p.URL("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // duplicate_database
		return nil
	}
	return err
}

// Stop kills the cluster (immediate mode: the data is throwaway) and removes
// the directory if StartPostgres created it. Safe to call more than once.
func (p *Postgres) Stop() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return nil
	}
	p.stopped = true
	var err error
	// No pid file means the server is already gone (e.g. it got the
	// terminal's SIGINT together with us); pg_ctl would only complain.
	if _, statErr := os.Stat(filepath.Join(p.dataDir, "postmaster.pid")); statErr == nil {
		_, err = p.user.run(p.dir, filepath.Join(p.binDir, "pg_ctl"), "-D", p.dataDir, "-m", "immediate", "-w", "stop")
	}
	if p.ownsDir {
		err = errors.Join(err, os.RemoveAll(p.dir))
	}
	return err
}
