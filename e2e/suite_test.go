// Package e2e tests the suite end to end: the six services and the REST
// edge are built and started exactly as `make run` starts them (the same
// launcher, real processes: natsd for NATS, a throwaway PostgreSQL), and the tests call
// the edge over HTTP like any client.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seoul-gov/homepage/deploy/local/launcher"
	"github.com/seoul-gov/homepage/deploy/local/seed"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

// Suite is the running suite shared by every test of the binary.
type Suite struct {
	BaseURL string
	// WebURL is the homepage (the web front).
	WebURL string
	// Launch is the running suite, for tests that kill services or NATS.
	Launch *launcher.Suite
	// LogPath is the file every process of the suite logs to (absent when
	// SEOUL_E2E_LOG sends the logs to stderr instead).
	LogPath string
	// NATSURL is the suite's own NATS server (natsd), for tests that look
	// at the streams' consumers.
	NATSURL string
	// BinDir holds the suite's binaries, for tests that start a suite of
	// their own (replicas_test.go).
	BinDir  string
	http    *http.Client
	seedErr error
}

var shared *Suite

func suite(t *testing.T) *Suite {
	t.Helper()
	if shared == nil {
		t.Fatal("suite not started (TestMain)")
	}
	return shared
}

func TestMain(m *testing.M) {
	os.Exit(runSuite(m))
}

func runSuite(m *testing.M) int {
	bin, err := os.MkdirTemp("", "seoul-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(bin)
	if err := build(bin); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build:", err)
		return 1
	}
	// Every process's log goes to one file that tests can search (no
	// personal data may appear in it); SEOUL_E2E_LOG=1 shows it live.
	var logs io.Writer = os.Stderr
	logPath := filepath.Join(bin, "suite.log")
	if os.Getenv("SEOUL_E2E_LOG") == "" {
		f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
		defer f.Close()
		logs = f
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// Offsets below the ephemeral port range, beside a developer's `make run`.
	ports, err := launcher.FreePorts(10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	s, err := launcher.Start(ctx, launcher.Config{BinDir: bin, Ports: ports, Out: logs,
		// One test client would otherwise be throttled by the per-client limit
		// during benchmarks; the limiter itself is tested in gateway/.
		EdgeEnv: []string{"RATE_LIMIT_RPS=1000000", "RATE_LIMIT_BURST=1000000",
			"RATE_LIMIT_ADDRESS_RPS=1000000", "RATE_LIMIT_ADDRESS_BURST=1000000"},
		ServiceEnv: map[string][]string{
			// The authorization matrix is refused on purpose, many times per
			// caller; the privacy service's refusal limit is tested in its own
			// package.
			"privacy": {"PRIVACY_REFUSALS_PER_MINUTE=1000000", "PRIVACY_LOOKUPS_PER_MINUTE=1000000"},
			// A redemption cut off by a crash stays held until its hold times
			// out and the job settles it: minutes by default, seconds here.
			"mileage": {"MILEAGE_HOLD_TIMEOUT=15s", "MILEAGE_JOB_INTERVAL=1s"}},
		// A test cluster: the chaos tests crash PostgreSQL, not the machine.
		PostgresNoFsync: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: start suite:", err)
		return 1
	}
	shared = &Suite{BaseURL: s.EdgeURL(), WebURL: s.WebURL(), Launch: s, LogPath: logPath, http: &http.Client{Timeout: 30 * time.Second},
		NATSURL: fmt.Sprintf("nats://127.0.0.1:%d", ports.NATS()), BinDir: bin}
	client := &seed.Client{BaseURL: s.EdgeURL(), Issuer: s.Issuer(), HTTP: shared.http}
	shared.seedErr = seed.Run(ctx, client, func(string, ...any) {})
	code := m.Run()
	s.Stop()
	if code != 0 {
		printTail(logPath, 200)
	}
	if err := leftBehind(s, ports); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: after stopping the suite:", err)
		return 1
	}
	return code
}

// printTail shows the end of the suite's log after a failure, since the
// file goes with the temporary directory.
func printTail(path string, lines int) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	all := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	fmt.Fprintf(os.Stderr, "e2e: last %d lines of the suite's log:\n%s\n", lines,
		strings.Join(all[max(0, len(all)-lines):], "\n"))
}

// leftBehind checks what `make run` promises on Ctrl-C: every port free
// again and the temporary state (cluster, NATS store, keys) removed.
func leftBehind(s *launcher.Suite, ports launcher.Ports) error {
	if err := ports.CheckFree(); err != nil {
		return err
	}
	if _, err := os.Stat(s.StateDir()); !os.IsNotExist(err) {
		return fmt.Errorf("state directory %s still exists", s.StateDir())
	}
	return nil
}

// build compiles every binary the launcher starts, from the workspace root.
func build(dir string) error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	args := []string{"build", "-o", dir + "/"}
	for _, s := range launcher.Services {
		args = append(args, "./services/"+s+"/cmd/"+s)
	}
	args = append(args, "./gateway/cmd/gateway", "./web/cmd/web", "./platform/cmd/natsd")
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	// Mailpit, the suite's SMTP server: the run's prebuilt one, else built here.
	if bin := os.Getenv(testinfra.MailpitEnv); bin != "" {
		return os.Symlink(bin, filepath.Join(dir, "mailpit"))
	}
	_, err = localinfra.BuildMailpit(context.Background(), dir)
	return err
}

// Client calls the edge as one identity.
type Client struct {
	s     *Suite
	token string
}

// Public is the anonymous public.
func (s *Suite) Public() *Client { return &Client{s: s} }

// Client returns a client holding a token from the edge's development
// issuer (POST /dev/token) for claims.
func (s *Suite) Client(t *testing.T, c identity.Claims) *Client {
	t.Helper()
	roles := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		roles[i] = string(r)
	}
	r := s.Public().Do(t, "POST", "/dev/token", map[string]any{"subject": c.Subject, "roles": roles,
		"department": c.Department, "real_name_verified": c.RealNameVerified, "client": c.Client})
	if r.Status != http.StatusOK {
		t.Fatalf("POST /dev/token: %d %s", r.Status, r.Body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	r.JSON(t, &tok)
	return &Client{s: s, token: tok.AccessToken}
}

// Response is an HTTP response read whole.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into out.
func (r *Response) JSON(t *testing.T, out any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, out); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Do sends body (JSON-encoded unless nil or a string) and reads the answer.
func (c *Client) Do(t *testing.T, method, path string, body any) *Response {
	t.Helper()
	return c.DoWith(t, method, path, body)
}

// DoWith is Do with extra request headers given as name, value pairs.
func (c *Client) DoWith(t *testing.T, method, path string, body any, headers ...string) *Response {
	t.Helper()
	r, err := c.Try(method, path, body, headers...)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

// Try is DoWith for goroutines other than the test's: it returns what went
// wrong instead of failing the test.
func (c *Client) Try(method, path string, body any, headers ...string) (*Response, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.s.BaseURL+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.s.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}, nil
}
