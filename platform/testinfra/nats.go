package testinfra

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/seoul-gov/homepage/platform/localinfra"
)

// NATSDEnv names a prebuilt natsd binary (scripts/with-testinfra.sh builds
// one for the whole run); without it each test binary builds its own once.
const NATSDEnv = "SEOUL_TEST_NATSD"

var shared struct {
	once sync.Once
	nats *localinfra.NATS
	err  error
}

var natsd struct {
	once sync.Once
	bin  string
	err  error
}

// natsOptions runs every test server as a natsd child process: with -race
// the detector then watches our code, not nats-server's own (known) races,
// and a test can kill NATS as a crash would.
func natsOptions() (localinfra.NATSOptions, error) {
	natsd.once.Do(func() {
		if bin := os.Getenv(NATSDEnv); bin != "" {
			natsd.bin = bin
			return
		}
		dir, err := os.MkdirTemp("", "seoul-natsd-")
		if err != nil {
			natsd.err = err
			return
		}
		onExit(func() { _ = os.RemoveAll(dir) })
		natsd.bin, natsd.err = localinfra.BuildNATSD(dir)
	})
	return localinfra.NATSOptions{Binary: natsd.bin}, natsd.err
}

// startNATS starts a natsd child on a temp store.
func startNATS() (*localinfra.NATS, error) {
	opts, err := natsOptions()
	if err != nil {
		return nil, err
	}
	return localinfra.StartNATS(opts)
}

// NATS returns the binary's shared JetStream server, starting it on first
// use. Tests share it, so they should use their own stream/subject names.
// Do not Restart it; use FreshNATS for that.
func NATS(t testing.TB) *localinfra.NATS {
	t.Helper()
	requireMain(t)
	shared.once.Do(func() {
		shared.nats, shared.err = startNATS()
		if shared.err == nil {
			onExit(shared.nats.Shutdown)
		}
	})
	if shared.err != nil {
		t.Fatalf("testinfra: starting NATS: %v", shared.err)
	}
	return shared.nats
}

// FreshNATS starts a server owned by this test alone — for tests that stop,
// kill or restart it — and shuts it down when the test ends.
func FreshNATS(t testing.TB) *localinfra.NATS {
	t.Helper()
	requireMain(t)
	n, err := startNATS()
	if err != nil {
		t.Fatalf("testinfra: starting NATS: %v", err)
	}
	t.Cleanup(n.Shutdown)
	return n
}

// JetStream connects a test client to n, reconnecting for as long as it
// takes (tests stop and kill servers), and closes it when the test ends.
func JetStream(t testing.TB, n *localinfra.NATS) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, err := nats.Connect(n.URL(), nats.MaxReconnects(-1), nats.ReconnectWait(100*time.Millisecond))
	if err != nil {
		t.Fatalf("testinfra: connecting to NATS: %v", err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatalf("testinfra: JetStream: %v", err)
	}
	return nc, js
}
