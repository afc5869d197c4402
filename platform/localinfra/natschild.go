package localinfra

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// NATSReadyPrefix starts the one line natsd writes to stdout once it accepts
// connections: "ready <port>".
const NATSReadyPrefix = "ready "

// natsChild is a natsd child process.
type natsChild struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
}

// startNATSChild runs natsd on port (0: any) and store and waits for its
// ready line. The child has a process group of its own, so a Ctrl-C meant
// for the launcher does not stop NATS before the services that drain into
// it; it gets SIGTERM if this process dies, so nothing outlives the parent.
func startNATSChild(binary string, port int, store string, logf func(string, ...any)) (natsRunning, int, error) {
	return startNATSProcess(binary, []string{"-port", strconv.Itoa(port), "-store", store}, logf)
}

// startNATSProcess runs natsd with args (and -log when logf is set) and
// waits for its ready line.
func startNATSProcess(binary string, args []string, logf func(string, ...any)) (natsRunning, int, error) {
	if logf != nil {
		args = append(args, "-log")
	}
	cmd := exec.Command(binary, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	ready := &readyLine{ch: make(chan string, 1)}
	cmd.Stdout = ready
	var stderr bytes.Buffer
	cmd.Stderr = &stderrLog{w: &stderr, logf: logf}
	if err := cmd.Start(); err != nil {
		return nil, 0, fmt.Errorf("localinfra: natsd: %w", err)
	}
	c := &natsChild{cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(c.done) }()
	select {
	case line := <-ready.ch:
		got, err := strconv.Atoi(strings.TrimPrefix(line, NATSReadyPrefix))
		if err != nil || !strings.HasPrefix(line, NATSReadyPrefix) {
			c.kill()
			return nil, 0, fmt.Errorf("localinfra: natsd said %q, want %q<port>", line, NATSReadyPrefix)
		}
		return c, got, nil
	case <-c.done:
		return nil, 0, fmt.Errorf("localinfra: natsd exited before it was ready: %s", stderr.String())
	case <-time.After(natsReadyTimeout):
		c.kill()
		return nil, 0, errors.New("localinfra: natsd not ready for connections within 10s")
	}
}

// stop asks for a graceful shutdown and kills the process if it lingers.
func (c *natsChild) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(natsReadyTimeout):
		c.kill()
	}
}

func (c *natsChild) kill() {
	_ = c.cmd.Process.Kill()
	<-c.done
}

func (c *natsChild) alive() bool {
	select {
	case <-c.done:
		return false
	default:
		return true
	}
}

func (c *natsChild) pid() int { return c.cmd.Process.Pid }

// readyLine hands the first line written to it to ch and drops the rest.
type readyLine struct {
	mu   sync.Mutex
	buf  []byte
	sent bool
	ch   chan string
}

func (r *readyLine) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sent {
		return len(p), nil
	}
	r.buf = append(r.buf, p...)
	if i := bytes.IndexByte(r.buf, '\n'); i >= 0 {
		r.sent = true
		r.ch <- string(r.buf[:i])
	}
	return len(p), nil
}

// stderrLog keeps the child's stderr for error messages and, when
// logging is on, forwards it line by line.
type stderrLog struct {
	mu   sync.Mutex
	w    *bytes.Buffer
	logf func(string, ...any)
}

func (l *stderrLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.w.Len() < 64<<10 {
		l.w.Write(p)
	}
	if l.logf != nil {
		for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
			l.logf("%s", line)
		}
	}
	return len(p), nil
}

// NATSDPackage is natsd's import path, for BuildNATSD.
const NATSDPackage = "github.com/seoul-gov/homepage/platform/cmd/natsd"

// BuildNATSD builds natsd into dir with the go command (from the build
// cache when nothing changed) and returns the binary's path. Test binaries
// use it when the test script has not built one for them.
func BuildNATSD(dir string) (string, error) {
	bin := filepath.Join(dir, "natsd")
	out, err := exec.Command("go", "build", "-o", bin, NATSDPackage).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("localinfra: go build %s: %w\n%s", NATSDPackage, err, out)
	}
	return bin, nil
}
