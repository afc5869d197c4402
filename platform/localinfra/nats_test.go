package localinfra_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

func jsConnect(t *testing.T, n *localinfra.NATS) jetstream.JetStream {
	_, js := testinfra.JetStream(t, n)
	return js
}

var natsd struct {
	once sync.Once
	bin  string
	err  error
}

// natsdBinary builds natsd once for this test binary.
func natsdBinary(t *testing.T) string {
	t.Helper()
	natsd.once.Do(func() {
		dir, err := os.MkdirTemp("", "seoul-natsd-test-")
		if err != nil {
			natsd.err = err
			return
		}
		natsd.bin, natsd.err = localinfra.BuildNATSD(dir)
	})
	require.NoError(t, natsd.err)
	return natsd.bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if natsd.bin != "" {
		_ = os.RemoveAll(filepath.Dir(natsd.bin))
	}
	os.Exit(code)
}

// natsModes runs a test against the in-process server and the natsd child.
func natsModes(t *testing.T, test func(t *testing.T, opts localinfra.NATSOptions)) {
	t.Run("in-process", func(t *testing.T) { test(t, localinfra.NATSOptions{}) })
	t.Run("natsd", func(t *testing.T) { test(t, localinfra.NATSOptions{Binary: natsdBinary(t)}) })
}

// publishAndRead publishes one event on a fresh file-backed stream, lets
// outage take the server down and back, and reads the event again.
func publishAndRead(t *testing.T, n *localinfra.NATS, outage func()) {
	t.Helper()
	url := n.URL()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	js := jsConnect(t, n)
	_, err := js.CreateStream(ctx, jetstream.StreamConfig{
		Name: "CONTENT", Subjects: []string{"content.>"}, Storage: jetstream.FileStorage,
	})
	require.NoError(t, err)
	_, err = js.Publish(ctx, "content.published", []byte("notice-1"))
	require.NoError(t, err)

	outage()
	require.NoError(t, n.Start())
	require.Equal(t, url, n.URL(), "a restart must keep the port")

	stream, err := jsConnect(t, n).Stream(ctx, "CONTENT")
	require.NoError(t, err)
	msg, err := stream.GetMsg(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, "notice-1", string(msg.Data))
}

func TestNATSJetStreamSurvivesRestart(t *testing.T) {
	natsModes(t, func(t *testing.T, opts localinfra.NATSOptions) {
		n, err := localinfra.StartNATS(opts)
		require.NoError(t, err)
		t.Cleanup(n.Shutdown)
		publishAndRead(t, n, n.Stop)
	})
}

// A crash of the server process loses no acknowledged event: the store is
// written with sync-always.
func TestNATSKilledKeepsAcknowledgedEvents(t *testing.T) {
	n, err := localinfra.StartNATS(localinfra.NATSOptions{Binary: natsdBinary(t), Logf: t.Logf})
	require.NoError(t, err)
	t.Cleanup(n.Shutdown)
	publishAndRead(t, n, n.Kill)
}

// A natsd that dies on its own (here: SIGKILL from outside, as the OOM
// killer would) is seen as not alive, and Start brings it back with its
// data: what the launcher's supervisor relies on.
func TestNATSDiedOutsideIsRestartable(t *testing.T) {
	n, err := localinfra.StartNATS(localinfra.NATSOptions{Binary: natsdBinary(t), Logf: t.Logf})
	require.NoError(t, err)
	t.Cleanup(n.Shutdown)
	require.True(t, n.Alive())
	publishAndRead(t, n, func() {
		require.NoError(t, syscall.Kill(n.PID(), syscall.SIGKILL))
		require.Eventually(t, func() bool { return !n.Alive() }, 10*time.Second, 10*time.Millisecond)
	})
	require.True(t, n.Alive())
}

func TestNATSStopStartAndShutdownTwice(t *testing.T) {
	natsModes(t, func(t *testing.T, opts localinfra.NATSOptions) {
		opts.Logf = t.Logf
		n, err := localinfra.StartNATS(opts)
		require.NoError(t, err)
		n.Stop()
		_, err = nats.Connect(n.URL(), nats.NoReconnect())
		require.Error(t, err, "server must be down between Stop and Start")
		require.NoError(t, n.Start())
		nc, err := nats.Connect(n.URL())
		require.NoError(t, err)
		nc.Close()
		n.Shutdown()
		n.Shutdown()
		require.Error(t, n.Start())
	})
}

func TestNATSDWithoutBinaryFailsClearly(t *testing.T) {
	_, err := localinfra.StartNATS(localinfra.NATSOptions{Binary: "/nonexistent/natsd"})
	require.ErrorContains(t, err, "natsd")
}
