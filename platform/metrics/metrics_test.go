package metrics_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/metrics"
)

// The admin port answers Prometheus scrapes, readiness and, when enabled,
// profiling requests, and stops with its context.
func TestServeMetricsAndProfiles(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	ready := atomic.Bool{}
	go func() { done <- metrics.Serve(ctx, ln, metrics.Admin{Pprof: true, Ready: ready.Load}) }()
	metrics.GRPCHandled("/seoul.test.v1.Test/Get", "OK", 0)

	base := "http://" + ln.Addr().String()
	require.Contains(t, fetch(t, base+"/metrics"), `grpc_server_handled_total{code="OK",method="/seoul.test.v1.Test/Get"} 1`)
	require.Contains(t, fetch(t, base+"/debug/pprof/"), "goroutine")
	require.True(t, strings.HasPrefix(fetch(t, base+"/debug/pprof/goroutine?debug=1"), "goroutine profile:"))
	require.Equal(t, http.StatusServiceUnavailable, statusOf(t, base+"/readyz"))
	ready.Store(true)
	require.Equal(t, "ready\n", fetch(t, base+"/readyz"))

	cancel()
	require.NoError(t, <-done)
}

// Profiling is off unless enabled: production does not expose memory
// contents on the admin port by default.
func TestProfilesOffByDefault(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- metrics.Serve(ctx, ln, metrics.Admin{}) }()
	base := "http://" + ln.Addr().String()
	require.Contains(t, fetch(t, base+"/metrics"), "go_goroutines")
	require.Equal(t, http.StatusNotFound, statusOf(t, base+"/debug/pprof/"))
	require.Equal(t, http.StatusNotFound, statusOf(t, base+"/readyz"))
	cancel()
	require.NoError(t, <-done)
}

func statusOf(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, url)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}
