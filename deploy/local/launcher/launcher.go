package launcher

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localinfra"
)

// Issuer and audience of the development tokens.
const (
	DevIssuer = "http://localhost/dev-issuer"
	Audience  = "seoul-homepage"
)

// Config says what to start and where.
type Config struct {
	// BinDir holds the built binaries: one per service and "gateway".
	BinDir string
	// DatabaseURL, if set, is an existing server to create the databases on.
	DatabaseURL string
	// NATSURL, if set, is an existing NATS JetStream to use.
	NATSURL string
	// SMTPAddr, if set, is an existing SMTP server for the mail service;
	// otherwise Mailpit (bin/mailpit) is started with its web inbox.
	SMTPAddr string
	Ports    Ports
	// Seed loads the sample data once the suite is ready.
	Seed bool
	Out  io.Writer
	// EdgeEnv adds settings to the edge (benchmarks lift the rate limit).
	EdgeEnv []string
	// ServiceEnv adds settings to services by name (tests lift limits and
	// shorten timers).
	ServiceEnv map[string][]string
	// PostgresNoFsync runs the throwaway cluster without fsync, as test
	// clusters may: it survives a PostgreSQL crash, not a machine crash.
	// `make run` never sets it.
	PostgresNoFsync bool
}

// Suite is a running suite.
type Suite struct {
	cfg      Config
	state    string
	pg       *localinfra.Postgres
	nats     *localinfra.NATS
	mailpit  *localinfra.Mailpit
	issuer   *identity.Issuer
	children []*supervised // services, then the edge
	cleanup  []func()
	natsURL  string
	env      map[string][]string
	jwks     string
	keyFile  string
	// clientsFile is the machine-client registry (clients.go).
	clientsFile string

	// stopWatch ends the supervision of PostgreSQL and NATS.
	stopWatch context.CancelFunc
	watching  sync.WaitGroup
	mu        sync.Mutex
	held      map[string]bool // infrastructure a test took down on purpose
}

// EdgeURL is the REST edge's base URL.
func (s *Suite) EdgeURL() string { return "http://" + s.cfg.Ports.Edge() }

// WebURL is the homepage's base URL.
func (s *Suite) WebURL() string { return "http://" + s.cfg.Ports.Web() }

// StateDir is the temporary directory holding keys and the NATS store;
// Stop removes it.
func (s *Suite) StateDir() string { return s.state }

// DatabaseURL is the database of service svc (benchmarks compare the edge
// with a bare handler querying it directly).
func (s *Suite) DatabaseURL(svc string) string {
	for _, kv := range s.env[svc] {
		if v, ok := strings.CutPrefix(kv, "DATABASE_URL="); ok {
			return v
		}
	}
	return ""
}

// Mailpit is the suite's own SMTP server, nil when SMTPAddr pointed elsewhere.
func (s *Suite) Mailpit() *localinfra.Mailpit { return s.mailpit }

// MailInbox is the web inbox URL of the suite's Mailpit, "" without one.
func (s *Suite) MailInbox() string {
	if s.mailpit == nil {
		return ""
	}
	return s.mailpit.WebURL()
}

// SubmissionAddr is the mail service's SMTP submission server, where
// citizens send complaints by e-mail (STARTTLS under SubmissionCA).
func (s *Suite) SubmissionAddr() string { return s.cfg.Ports.Submission() }

// Issuer mints tokens the suite accepts.
func (s *Suite) Issuer() *identity.Issuer { return s.issuer }

// Start brings everything up and returns when the edge reports ready.
func Start(ctx context.Context, cfg Config) (*Suite, error) {
	s := &Suite{cfg: cfg, held: map[string]bool{}}
	if err := s.start(ctx); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Suite) start(ctx context.Context) error {
	if err := s.cfg.Ports.CheckFree(); err != nil {
		return err
	}
	state, err := os.MkdirTemp("", "seoul-local-")
	if err != nil {
		return err
	}
	s.state = state
	s.cleanup = append(s.cleanup, func() { os.RemoveAll(state) })
	if err := s.startInfra(ctx); err != nil {
		return err
	}
	if err := s.makeKeys(); err != nil {
		return err
	}
	if err := s.startServices(ctx); err != nil {
		return err
	}
	if err := s.startEdgeReplicas(ctx); err != nil {
		return err
	}
	if err := s.startWeb(ctx); err != nil {
		return err
	}
	s.supervise()
	return nil
}

// supervise keeps everything running from now on: a process that exits is
// restarted with backoff, PostgreSQL and NATS are restarted when they die,
// and the data survives all of it. Only Stop ends it.
func (s *Suite) supervise() {
	for _, c := range s.children {
		go c.supervise()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.stopWatch = cancel
	s.watching.Go(func() { s.watchInfra(ctx) })
}

func (s *Suite) makeKeys() error {
	iss, err := identity.NewIssuer(DevIssuer, Audience)
	if err != nil {
		return err
	}
	s.issuer = iss
	s.keyFile, s.jwks = filepath.Join(s.state, "dev-issuer.jwk"), filepath.Join(s.state, "jwks.json")
	if err := s.writeClients(); err != nil {
		return err
	}
	return iss.WriteKeyFiles(s.keyFile, s.jwks)
}

func (s *Suite) commonEnv() []string {
	env := []string{
		"NATS_URL=" + s.natsURL, "AUTH_ISSUER=" + DevIssuer, "AUTH_AUDIENCE=" + Audience,
		"AUTH_JWKS_FILE=" + s.jwks, "AUTH_CLIENTS_FILE=" + s.clientsFile, "LOG_FORMAT=text", "LOG_LEVEL=info",
		"PPROF_ENABLED=true", // a developer's machine: profile at will (off by default elsewhere)
	}
	return append(env, s.cfg.Ports.addressEnv()...)
}

// startWeb starts the homepage against the edge, with the development
// sign-in page (backed by the edge's development issuer).
func (s *Suite) startWeb(ctx context.Context) error {
	env := []string{"HTTP_ADDR=" + s.cfg.Ports.Web(), "EDGE_URL=" + s.EdgeURL(), "PUBLIC_URL=" + s.WebURL(),
		"DEV_SIGNIN_ENABLED=true", "LOG_FORMAT=text", "LOG_LEVEL=info"}
	p, err := s.startChild("web", filepath.Join(s.cfg.BinDir, "web"), env)
	if err != nil {
		return err
	}
	return waitHTTP(ctx, s.WebURL()+"/healthz", 30*time.Second, p)
}

// waitHTTP polls url until it answers 200, the process dies or time runs out.
func waitHTTP(ctx context.Context, url string, limit time.Duration, p *proc) error {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		if err := exited(p); err != nil {
			return err
		}
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s not ready after %s", url, limit)
}

// exited reports a process that died during start; nil p checks nothing.
func exited(p *proc) error {
	if p == nil {
		return nil
	}
	select {
	case err := <-p.done:
		p.done <- err
		return fmt.Errorf("%s exited during start: %v", p.name, err)
	default:
		return nil
	}
}

// startChild starts a process the suite will supervise.
func (s *Suite) startChild(name, bin string, env []string) (*proc, error) {
	p, err := startProc(name, bin, env, s.cfg.Out)
	if err != nil {
		return nil, err
	}
	s.children = append(s.children, newSupervised(name, bin, env, s.cfg.Out, p))
	return p, nil
}

// Wait blocks until ctx ends (Ctrl-C): whatever else happens, the suite is
// supervised back to health.
func (s *Suite) Wait(ctx context.Context) error {
	<-ctx.Done()
	return nil
}

// Stop stops the edge first, then the services, then NATS and PostgreSQL,
// and removes every temporary directory.
func (s *Suite) Stop() {
	if s.stopWatch != nil {
		s.stopWatch()
		s.watching.Wait()
	}
	for i := len(s.children) - 1; i >= 0; i-- {
		if s.stopWatch != nil {
			s.children[i].stop(15 * time.Second)
		} else { // never supervised: start failed half-way
			s.children[i].current().stop(15 * time.Second)
		}
	}
	s.children = nil
	for i := len(s.cleanup) - 1; i >= 0; i-- {
		s.cleanup[i]()
	}
	s.cleanup = nil
}
