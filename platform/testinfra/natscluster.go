package testinfra

import (
	"testing"

	"github.com/seoul-gov/homepage/platform/localinfra"
)

// NATSCluster starts a JetStream cluster of size natsd nodes owned by this
// test (which may kill and restart its nodes) and shuts it down when the
// test ends.
func NATSCluster(t testing.TB, size int) *localinfra.NATSCluster {
	t.Helper()
	requireMain(t)
	opts, err := natsOptions()
	if err != nil {
		t.Fatalf("testinfra: natsd: %v", err)
	}
	c, err := localinfra.StartNATSCluster(opts.Binary, size, nil)
	if err != nil {
		t.Fatalf("testinfra: starting a NATS cluster: %v", err)
	}
	t.Cleanup(c.Shutdown)
	return c
}
