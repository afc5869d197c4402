package localinfra

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// MailpitOptions configures StartMailpit.
type MailpitOptions struct {
	// Binary is the mailpit executable (the Go module pinned in tools/,
	// built into bin/ by `make build` or by BuildMailpit).
	Binary string
	// SMTPPort and HTTPPort on 127.0.0.1; 0 picks a free port.
	SMTPPort, HTTPPort int
	// Dir keeps Mailpit's database; empty means a temp dir that Shutdown
	// removes. Messages survive Stop/Start either way.
	Dir string
	// Logf receives Mailpit's output; nil keeps it only for error messages.
	Logf func(format string, args ...any)
}

// Mailpit is a real SMTP server with a web inbox and an HTTP API (Mailpit,
// run as a child process), so `make run` users see the mail the suite
// sends and tests read it back.
type Mailpit struct {
	mu       sync.Mutex
	opts     MailpitOptions
	ownsDir  bool
	proc     *exec.Cmd
	done     chan struct{}
	shutdown bool
}

const mailpitTempPrefix = "seoul-mailpit-"

// StartMailpit starts Mailpit and waits until both its SMTP port and its
// API answer.
func StartMailpit(opts MailpitOptions) (*Mailpit, error) {
	if opts.Binary == "" {
		return nil, errors.New("localinfra: mailpit: no binary (run `make build` or BuildMailpit)")
	}
	m := &Mailpit{opts: opts}
	if m.opts.Dir == "" {
		reapStale(mailpitTempPrefix, func(string, ...any) {}, nil)
		dir, err := makeOwnedTempDir(mailpitTempPrefix)
		if err != nil {
			return nil, err
		}
		m.opts.Dir, m.ownsDir = dir, true
	} else if err := os.MkdirAll(m.opts.Dir, 0o700); err != nil {
		return nil, err
	}
	var err error
	if m.opts.SMTPPort, err = pickPort(m.opts.SMTPPort); err != nil {
		return nil, err
	}
	if m.opts.HTTPPort, err = pickPort(m.opts.HTTPPort); err != nil {
		return nil, err
	}
	if err := m.boot(); err != nil {
		m.Shutdown()
		return nil, err
	}
	return m, nil
}

// SMTPAddr is the SMTP listener, host:port, stable across Stop/Start.
func (m *Mailpit) SMTPAddr() string { return "127.0.0.1:" + strconv.Itoa(m.opts.SMTPPort) }

// SMTPPort is the SMTP listener's port.
func (m *Mailpit) SMTPPort() int { return m.opts.SMTPPort }

// WebURL is the web inbox and API base URL (no trailing slash).
func (m *Mailpit) WebURL() string { return "http://127.0.0.1:" + strconv.Itoa(m.opts.HTTPPort) }

func (m *Mailpit) boot() error {
	args := []string{
		"--smtp", m.SMTPAddr(), "--listen", "127.0.0.1:" + strconv.Itoa(m.opts.HTTPPort),
		"--database", filepath.Join(m.opts.Dir, "mailpit.db"),
		// Nothing is fetched at run time; tests and `make run` keep every
		// message; the SMTP client may authenticate over plain SMTP locally.
		"--disable-version-check", "--max", "0", "--smtp-auth-accept-any", "--smtp-auth-allow-insecure",
		"--smtp-disable-rdns", "--enable-chaos", "--quiet",
	}
	cmd := exec.Command(m.opts.Binary, args...)
	// Own process group: a Ctrl-C meant for the launcher must not stop the
	// SMTP server before the services that still send to it; SIGTERM if we die.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	var out bytes.Buffer
	w := &stderrLog{w: &out, logf: m.opts.Logf}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("localinfra: mailpit: %w", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	m.proc, m.done = cmd, done
	if err := m.waitReady(done); err != nil {
		m.end(true)
		return fmt.Errorf("%w: %s", err, out.String())
	}
	return nil
}

// waitReady polls the API's readiness and the SMTP port.
func (m *Mailpit) waitReady(done chan struct{}) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			return errors.New("localinfra: mailpit exited before it was ready")
		default:
		}
		if resp, err := client.Get(m.WebURL() + "/readyz"); err == nil {
			resp.Body.Close()
			if c, err := net.DialTimeout("tcp", m.SMTPAddr(), time.Second); err == nil && resp.StatusCode == http.StatusOK {
				c.Close()
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("localinfra: mailpit not ready within 20s")
}

// end stops the process: SIGKILL when kill, else SIGTERM with a grace period.
func (m *Mailpit) end(kill bool) {
	if m.proc == nil {
		return
	}
	if kill {
		_ = m.proc.Process.Kill()
	} else {
		_ = m.proc.Process.Signal(syscall.SIGTERM)
	}
	select {
	case <-m.done:
	case <-time.After(10 * time.Second):
		_ = m.proc.Process.Kill()
		<-m.done
	}
	m.proc = nil
}

// Stop takes the SMTP server down, keeping its ports and stored messages,
// so tests can prove that nothing is lost while it is away.
func (m *Mailpit) Stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.end(false)
}

// Start brings a stopped server back on the same ports.
func (m *Mailpit) Start() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.shutdown {
		return errors.New("localinfra: mailpit: Start after Shutdown")
	}
	if m.proc != nil {
		return nil
	}
	return m.boot()
}

// Shutdown stops the server for good and removes a temp dir. Safe twice.
func (m *Mailpit) Shutdown() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.shutdown {
		return
	}
	m.shutdown = true
	m.end(false)
	if m.ownsDir {
		_ = os.RemoveAll(m.opts.Dir)
	}
}

// BuildMailpit builds Mailpit with its web inbox into dir and returns the
// binary's path. It runs scripts/build-mailpit.sh (found by walking up from
// the working directory), the one way the suite builds Mailpit: the inbox's
// JavaScript bundle built with npm from Mailpit's pinned lock and cached
// under .cache/mailpit, then the Go module pinned in tools/mailpit (outside
// go.work, so its dependencies stay its own).
func BuildMailpit(ctx context.Context, dir string) (string, error) {
	script, err := findUp(filepath.Join("scripts", "build-mailpit.sh"))
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "mailpit")
	cmd := exec.CommandContext(ctx, "bash", script, bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("localinfra: %s: %w\n%s", script, err, out)
	}
	return bin, nil
}

// findUp returns the first rel found in the working directory or above.
func findUp(rel string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, rel)); err == nil {
			return filepath.Join(dir, rel), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("localinfra: %s not found above the working directory", rel)
		}
		dir = parent
	}
}
