package launcher

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A supervised process that dies is started again with a line saying so;
// one killed on purpose stays down until restarted; stop ends it for good.
func TestSupervisorRestartsACrashedProcessAndSaysSo(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "worker")
	require.NoError(t, os.WriteFile(bin, []byte("#!/bin/sh\necho up\nexec sleep 600\n"), 0o755))
	var out syncBuffer
	p, err := startProc("worker", bin, nil, &out)
	require.NoError(t, err)
	c := newSupervised("worker", bin, nil, &out, p)
	go c.supervise()
	t.Cleanup(func() { c.stop(5 * time.Second) })
	first := c.current()
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "worker   | up") }, 10*time.Second, 10*time.Millisecond)

	require.NoError(t, syscall.Kill(first.cmd.Process.Pid, syscall.SIGKILL)) // a crash from outside
	require.Eventually(t, func() bool { return c.current() != first }, 10*time.Second, 10*time.Millisecond, "%s", out.String())
	require.Eventually(t, func() bool { return strings.Count(out.String(), "worker   | up") == 2 }, 10*time.Second, 10*time.Millisecond, "%s", &out)
	logs := out.String()
	require.Contains(t, logs, "launcher | worker exited (signal: killed); restarting it in 500ms")
	require.Contains(t, logs, "launcher | worker restarted (pid ")

	second := c.current()
	c.kill(true)
	require.Error(t, second.wait(), "killed")
	third, err := c.restart()
	require.NoError(t, err)
	require.Same(t, third, c.current())
	require.NotContains(t, out.String(), "worker exited (signal: killed); restarting it in 1s",
		"a process killed on purpose is not restarted by the supervisor")

	c.stop(5 * time.Second) // and again by Cleanup: stop is idempotent
	require.Error(t, syscall.Kill(third.cmd.Process.Pid, 0), "nothing left running after stop")
}
