package testinfra

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/localinfra"
)

// EnvPGURL names an already running server to use instead of starting one,
// e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable. Its user
// must be allowed to CREATE and DROP databases.
const EnvPGURL = "SEOUL_TEST_PG_URL"

// Migrate prepares a database, given its URL. It must close every
// connection it opens: Postgres will not clone a database in use.
type Migrate func(ctx context.Context, url string) error

const (
	migrateTimeout = 2 * time.Minute
	adminTimeout   = time.Minute
)

// server is the Postgres server of this test binary.
var server struct {
	once  sync.Once
	err   error
	admin *pgxpool.Pool // to the maintenance database, for CREATE/DROP DATABASE
	base  *url.URL      // server URL; the path is swapped per database

	cloneMu   sync.Mutex           // serializes cloning (see cloneDatabase)
	tplMu     sync.Mutex           // guards templates
	templates map[string]*template // by key
}

type template struct {
	ready chan struct{} // closed once name/err are set
	name  string
	err   error
}

// Database returns a pool to a fresh database cloned from the template of
// key. The first call for a key creates the template and runs migrate on it
// once; later calls only clone, which is far cheaper than migrating. The
// database is dropped when the test ends.
func Database(t testing.TB, key string, migrate Migrate) *pgxpool.Pool {
	t.Helper()
	dbURL := DatabaseURL(t, key, migrate)
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		t.Fatalf("testinfra: %v", err)
	}
	cfg.MaxConns = 10
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatalf("testinfra: opening pool: %v", err)
	}
	// Cleanups run last-in first-out: the pool closes before the DROP.
	t.Cleanup(pool.Close)
	return pool
}

// DatabaseURL is Database for tests that connect by themselves (e.g. start
// a whole service from its config): it returns the fresh database's URL.
func DatabaseURL(t testing.TB, key string, migrate Migrate) string {
	t.Helper()
	requireMain(t)
	startServer(t)
	tpl := templateFor(key, migrate)
	if tpl.err != nil {
		t.Fatalf("testinfra: template for %q: %v", key, tpl.err)
	}
	name := "t_" + randomSuffix()
	if err := cloneDatabase(name, tpl.name); err != nil {
		t.Fatalf("testinfra: cloning %s: %v", tpl.name, err)
	}
	t.Cleanup(func() {
		if err := dropDatabase(name); err != nil {
			t.Errorf("testinfra: dropping %s: %v", name, err)
		}
	})
	return dbURL(name)
}

// startServer starts (once) the local cluster, or adopts SEOUL_TEST_PG_URL,
// failing the test loudly if there is no Postgres: a skipped test would
// hide that the suite did not run at all.
func startServer(t testing.TB) {
	t.Helper()
	server.once.Do(func() { server.err = connectServer() })
	if server.err != nil {
		t.Fatalf("testinfra: no Postgres for tests: %v", server.err)
	}
}

func connectServer() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	adminURL := os.Getenv(EnvPGURL)
	if adminURL == "" {
		pg, err := localinfra.StartPostgres(ctx, localinfra.PostgresOptions{NoFsync: true})
		if err != nil {
			return err
		}
		onExit(func() { logErr("stopping postgres", pg.Stop()) })
		adminURL = pg.URL("postgres")
	}
	base, err := url.Parse(adminURL)
	if err != nil || base.Scheme == "" {
		return fmt.Errorf("%s must be a postgres:// URL: %q", EnvPGURL, adminURL)
	}
	admin, err := pgxpool.New(ctx, adminURL)
	if err == nil {
		err = admin.Ping(ctx)
	}
	if err != nil {
		return fmt.Errorf("connecting to %s: %w", adminURL, err)
	}
	server.base, server.admin = base, admin
	server.templates = map[string]*template{}
	// Registered after pg.Stop, so it runs before it: templates go first.
	onExit(dropTemplates)
	return nil
}

// templateFor returns the migrated template for key, creating it on first
// use. Concurrent (parallel) callers for the same key wait for the first.
func templateFor(key string, migrate Migrate) *template {
	server.tplMu.Lock()
	tpl, ok := server.templates[key]
	if !ok {
		tpl = &template{ready: make(chan struct{})}
		server.templates[key] = tpl
	}
	server.tplMu.Unlock()
	if ok {
		<-tpl.ready
		return tpl
	}
	defer close(tpl.ready)
	// Unique per binary: parallel test binaries share SEOUL_TEST_PG_URL.
	tpl.name = "tpl_" + sanitizeKey(key) + "_" + randomSuffix()
	tpl.err = buildTemplate(tpl.name, migrate)
	return tpl
}

func buildTemplate(name string, migrate Migrate) error {
	ctx, cancel := context.WithTimeout(context.Background(), migrateTimeout)
	defer cancel()
	if _, err := server.admin.Exec(ctx, "CREATE DATABASE "+ident(name)); err != nil {
		return err
	}
	if err := migrate(ctx, dbURL(name)); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// A migrate that leaks a connection would make every clone fail with
	// "source database is being accessed by other users"; cut it off.
	_, err := server.admin.Exec(ctx,
		"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name)
	return err
}

// cloneDatabase copies tpl. Serialized: CREATE DATABASE ... TEMPLATE fails
// if any other session is connected to the source, and cloning one template
// concurrently is exactly such a case.
func cloneDatabase(name, tpl string) error {
	server.cloneMu.Lock()
	defer server.cloneMu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), adminTimeout)
	defer cancel()
	_, err := server.admin.Exec(ctx, "CREATE DATABASE "+ident(name)+" TEMPLATE "+ident(tpl))
	return err
}

func dropDatabase(name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), adminTimeout)
	defer cancel()
	// FORCE: a test may leave connections open (a service it started, a
	// pool it did not close); they must not keep the database alive.
	_, err := server.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+ident(name)+" WITH (FORCE)")
	return err
}

// dropTemplates removes this binary's templates and closes the admin pool;
// matters when the server is shared (SEOUL_TEST_PG_URL) and outlives us.
func dropTemplates() {
	server.tplMu.Lock()
	defer server.tplMu.Unlock()
	for _, tpl := range server.templates {
		select {
		case <-tpl.ready:
			logErr("dropping "+tpl.name, dropDatabase(tpl.name))
		default: // still migrating (we were interrupted); don't wait for it
		}
	}
	server.admin.Close()
}

// dbURL is the server URL with the database swapped for name.
func dbURL(name string) string {
	u := *server.base
	u.Path = "/" + name
	u.RawPath = ""
	return u.String()
}

var unsafeChars = regexp.MustCompile(`[^a-z0-9_]+`)

// sanitizeKey makes key a short identifier fragment; the random suffix, not
// the key, is what makes names unique, so lossy mapping is fine.
func sanitizeKey(key string) string {
	s := unsafeChars.ReplaceAllString(strings.ToLower(key), "_")
	if len(s) > 40 { // identifiers max out at 63 bytes
		s = s[:40]
	}
	return s
}

func randomSuffix() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func ident(name string) string { return pgx.Identifier{name}.Sanitize() }

func logErr(what string, err error) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "testinfra: %s: %v\n", what, err)
	}
}
