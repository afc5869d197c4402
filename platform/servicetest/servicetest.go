// Package servicetest boots a whole service in-process for integration
// tests: its own cloned PostgreSQL database (migrated template), a NATS
// JetStream server, a token issuer whose keys the service trusts, and a
// gRPC client connection. Tests then call the real RPCs as the real
// roles, exactly as the edge and other services do.
package servicetest

import (
	"context"
	"crypto/tls"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"

	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/mtls"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

// Issuer and audience every test environment uses.
const (
	TestIssuer   = "https://id.test.seoul"
	TestAudience = "seoul-homepage"
)

// Env is one running service under test.
type Env struct {
	Addr   string
	Conn   *grpc.ClientConn
	Pool   *pgxpool.Pool
	DBURL  string
	NATS   *localinfra.NATS
	NC     *nats.Conn
	JS     jetstream.JetStream
	Issuer *identity.Issuer
	// JWKSFile is the public key file the service trusts; share it with
	// other services started in the same test via WithIssuer.
	JWKSFile string

	cancel  context.CancelFunc
	done    chan error
	dialTLS *tls.Config
	ca      *mtls.DevCA
}

type options struct {
	nats    *localinfra.NATS
	issuer  *identity.Issuer
	jwks    string
	dbURL   string
	tune    func(*service.Config)
	clients string
	ca      *mtls.DevCA
}

// Option adjusts Start.
type Option func(*options)

// WithNATS makes the service use n (to test several services together).
func WithNATS(n *localinfra.NATS) Option { return func(o *options) { o.nats = n } }

// WithIssuer makes the service trust the issuer of another Env.
func WithIssuer(e *Env) Option {
	return func(o *options) { o.issuer, o.jwks = e.Issuer, e.JWKSFile }
}

// WithDatabase makes the service use the database of another Env (a
// restart, a second replica) instead of a fresh clone.
func WithDatabase(e *Env) Option { return func(o *options) { o.dbURL = e.DBURL } }

// WithClients registers machine clients: doc is a platform/clients
// registry document ({"clients":[...]}); without it the service accepts
// no machine client's token.
func WithClients(doc string) Option { return func(o *options) { o.clients = doc } }

// WithTLS turns on mutual TLS: the service gets a certificate from ca
// named after it (its identity when it calls other services) and the
// test's connection presents one named "test-client".
func WithTLS(ca *mtls.DevCA) Option { return func(o *options) { o.ca = ca } }

// WithConfig lets a test adjust the base configuration.
func WithConfig(fn func(*service.Config)) Option { return func(o *options) { o.tune = fn } }

// Start boots spec and waits until its health reports SERVING. Everything
// is stopped in t.Cleanup.
func Start(t testing.TB, spec service.Spec, opts ...Option) *Env {
	t.Helper()
	o := options{}
	for _, fn := range opts {
		fn(&o)
	}
	if o.nats == nil {
		o.nats = testinfra.FreshNATS(t)
	}
	e := &Env{NATS: o.nats, Issuer: o.issuer, JWKSFile: o.jwks}
	if e.Issuer == nil {
		e.Issuer, e.JWKSFile = newIssuer(t)
	}
	e.DBURL = o.dbURL
	if e.DBURL == "" {
		e.DBURL = testinfra.DatabaseURL(t, spec.Name, func(ctx context.Context, url string) error {
			return pg.MigrateURL(ctx, url, spec.Migrations)
		})
	}
	cfg := baseConfig(e)
	e.secure(t, spec.Name, o, &cfg)
	if o.tune != nil {
		o.tune(&cfg)
	}
	e.serve(t, spec, cfg)
	e.connect(t)
	return e
}

// secure writes the machine-client registry and the mutual-TLS key pairs
// the options ask for and points cfg at them.
func (e *Env) secure(t testing.TB, name string, o options, cfg *service.Config) {
	t.Helper()
	dir := t.TempDir()
	if o.clients != "" {
		cfg.ClientsFile = filepath.Join(dir, "clients.json")
		if err := os.WriteFile(cfg.ClientsFile, []byte(o.clients), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if o.ca == nil {
		return
	}
	e.ca = o.ca
	var err error
	if cfg.TLS, err = o.ca.Issue(dir, name, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	client, err := o.ca.Issue(dir, "test-client")
	if err != nil {
		t.Fatal(err)
	}
	if e.dialTLS, err = mtls.ClientConfig(client); err != nil {
		t.Fatal(err)
	}
}

func newIssuer(t testing.TB) (*identity.Issuer, string) {
	iss, err := identity.NewIssuer(TestIssuer, TestAudience)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	jwks := filepath.Join(dir, "jwks.json")
	if err := iss.WriteKeyFiles(filepath.Join(dir, "key.jwk"), jwks); err != nil {
		t.Fatal(err)
	}
	return iss, jwks
}

func baseConfig(e *Env) service.Config {
	return service.Config{
		Log:      config.Log{Format: "text", Level: logLevel()},
		Server:   config.Server{ShutdownTimeout: 5 * time.Second},
		Postgres: config.Postgres{URL: e.DBURL, MaxConns: 10},
		NATS:     config.NATS{URL: e.NATS.URL(), StreamReplicas: 1},
		Auth:     config.Auth{Issuer: TestIssuer, Audience: TestAudience, JWKSFile: e.JWKSFile},
	}
}

// logLevel keeps test output quiet unless SEOUL_TEST_LOG=debug.
func logLevel() string {
	if l := os.Getenv("SEOUL_TEST_LOG"); l != "" {
		return l
	}
	return "error"
}

func (e *Env) serve(t testing.TB, spec service.Spec, cfg service.Config) {
	t.Helper()
	grpcLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.Addr = grpcLn.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel, e.done = cancel, make(chan error, 1)
	go func() { e.done <- service.ServeOn(ctx, spec, cfg, grpcLn, metricsLn) }()
	t.Cleanup(e.Stop)
}

// Stop shuts the service down (idempotent); tests use it to kill a service
// mid-flow.
func (e *Env) Stop() {
	if e.cancel == nil {
		return
	}
	e.cancel()
	<-e.done
	e.cancel = nil
}

func (e *Env) connect(t testing.TB) {
	t.Helper()
	creds := insecure.NewCredentials()
	if e.dialTLS != nil {
		creds = credentials.NewTLS(e.dialTLS)
	}
	conn, err := grpc.NewClient(e.Addr, grpc.WithTransportCredentials(creds))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	e.Conn = conn
	e.waitServing(t)
	pool, err := pgxpool.New(context.Background(), e.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	e.Pool = pool
	e.NC, e.JS = testinfra.JetStream(t, e.NATS)
}

func (e *Env) waitServing(t testing.TB) {
	t.Helper()
	WaitServing(t, e.Conn, e.done)
}

// WaitServing waits until the service behind conn reports SERVING: a
// service answers Unavailable until its database is migrated. exited, if
// set, reports the service's end (it must not end while starting).
func WaitServing(t testing.TB, conn *grpc.ClientConn, exited <-chan error) {
	t.Helper()
	hc := healthpb.NewHealthClient(conn)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("service exited during start: %v", err)
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		r, err := hc.Check(ctx, &healthpb.HealthCheckRequest{})
		cancel()
		if err == nil && r.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("service did not become SERVING")
}

// ConnAs is a connection to the service presenting a certificate named
// name (WithTLS only): another service of the suite calling, as the
// service learns from mutual TLS.
func (e *Env) ConnAs(t testing.TB, name string) *grpc.ClientConn {
	t.Helper()
	if e.ca == nil {
		t.Fatal("ConnAs needs WithTLS")
	}
	files, err := e.ca.Issue(t.TempDir(), name)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := mtls.ClientConfig(files)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := grpc.NewClient(e.Addr, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// Token mints a bearer token for c.
func (e *Env) Token(t testing.TB, c identity.Claims) string {
	t.Helper()
	tok, err := e.Issuer.Mint(c, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// As returns a context whose outgoing calls carry a token for c.
func (e *Env) As(t testing.TB, c identity.Claims) context.Context {
	return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+e.Token(t, c))
}

// Citizen, Official, Admin, Moderator and PrivacyOfficer are claim shorthands.
func Citizen(subject string) identity.Claims {
	return identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true}
}

func Official(subject, department string) identity.Claims {
	return identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleOfficial}, Department: department}
}

func Admin(subject string) identity.Claims {
	return identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleAdmin}}
}

func Moderator(subject string) identity.Claims {
	return identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleModerator}}
}

func PrivacyOfficer(subject string) identity.Claims {
	return identity.Claims{Subject: subject, Roles: []identity.Role{identity.RolePrivacyOfficer}}
}

// Machine is the token of the registered machine client id (see
// WithClients); its department comes from the registry.
func Machine(id string) identity.Claims {
	return identity.Claims{Subject: "client:" + id, Roles: []identity.Role{identity.RoleService}, Client: id}
}
