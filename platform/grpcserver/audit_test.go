package grpcserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/metadata"

	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/identity"
)

// syncBuffer is a log sink the server's goroutines may write while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) lines(t *testing.T, msg string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, l := range bytes.Split(s.b.Bytes(), []byte("\n")) {
		var m map[string]any
		if json.Unmarshal(l, &m) == nil && m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

// A3.2, A10.1: a call straight over gRPC that may change state or read
// personal data is logged at info with who made it, their roles and the
// method — not only calls that came through the edge.
func TestDirectCallsAreAuditedAtInfo(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	r := startLogged(t, grpcserver.Options{}, nil, logs)
	tok, err := r.issuer.Mint(identity.Claims{Subject: "official-3", Roles: []identity.Role{identity.RoleOfficial}, Department: "D-1"}, time.Minute)
	require.NoError(t, err)
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
	_, err = call(r, ctx, "whoami")
	require.NoError(t, err)

	got := logs.lines(t, "audit")
	require.Len(t, got, 1)
	require.Equal(t, "INFO", got[0]["level"])
	require.Equal(t, "/grpc.testing.TestService/UnaryCall", got[0]["method"])
	require.Equal(t, "official-3", got[0]["subject"])
	require.Equal(t, "official", got[0]["roles"])
	require.Equal(t, "D-1", got[0]["department"])
}

// A refused call is not an audit line (its refusal is logged as a failure),
// and a health probe is never one.
func TestRefusalsAndProbesAreNotAudited(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	r := startLogged(t, grpcserver.Options{}, nil, logs)
	_, err := call(r, context.Background(), "not-found")
	require.Error(t, err)
	r.ready.Store(true)
	_, _ = r.health.Check(context.Background(), nil)
	require.Empty(t, logs.lines(t, "audit"))
}
