package testinfra

import (
	"sync"
	"testing"

	"github.com/seoul-gov/homepage/platform/localinfra"
)

var shared struct {
	once sync.Once
	nats *localinfra.NATS
	err  error
}

// NATS returns the binary's shared JetStream server, starting it on first
// use. Tests share it, so they should use their own stream/subject names.
// Do not Restart it; use FreshNATS for that.
func NATS(t testing.TB) *localinfra.NATS {
	t.Helper()
	requireMain(t)
	shared.once.Do(func() {
		shared.nats, shared.err = localinfra.StartNATS(localinfra.NATSOptions{})
		if shared.err == nil {
			onExit(shared.nats.Shutdown)
		}
	})
	if shared.err != nil {
		t.Fatalf("testinfra: starting NATS: %v", shared.err)
	}
	return shared.nats
}

// FreshNATS starts a server owned by this test alone — for tests that stop
// or restart it — and shuts it down when the test ends.
func FreshNATS(t testing.TB) *localinfra.NATS {
	t.Helper()
	n, err := localinfra.StartNATS(localinfra.NATSOptions{})
	if err != nil {
		t.Fatalf("testinfra: starting NATS: %v", err)
	}
	t.Cleanup(n.Shutdown)
	return n
}
