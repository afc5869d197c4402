package launcher

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Up to MaxReplicas of everything fit on one machine: no two listeners of
// the suite share a port, and every process learns every replica's address.
func TestReplicaPortsNeverCollide(t *testing.T) {
	t.Parallel()
	for n := 1; n <= MaxReplicas; n++ {
		p := Ports{Offset: 1000, Replicas: n}
		seen := map[string]bool{}
		for _, a := range p.All() {
			require.False(t, seen[a], "%d replicas: %s twice", n, a)
			seen[a] = true
		}
		edges := n // behind the public port
		if n == 1 {
			edges = 0 // the public port itself
		}
		require.Len(t, seen, 7+edges+2*n+2*n*len(Services)) // edge, web, sandbox, NATS, PostgreSQL, SMTP, Mailpit; per replica edge metrics and SMTP submission
		for _, kv := range p.addressEnv() {
			require.Len(t, strings.Split(strings.SplitN(kv, "=", 2)[1], ","), n, kv)
		}
	}
	one := Ports{Offset: 1000}
	require.Equal(t, one.Edge(), one.edgeReplica(0), "one edge serves the public port itself")
	require.Equal(t, "127.0.0.1:10111", Ports{Offset: 1000, Replicas: 2}.grpcOf("content-2"))
	require.Equal(t, "127.0.0.1:10101", Ports{Offset: 1000, Replicas: 2}.grpcOf("content"))
}
