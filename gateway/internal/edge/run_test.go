package edge_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestRunDrainsInFlightRequestsOnShutdown cancels the context while a slow
// request is in flight: the request must still complete, Run must return
// cleanly, and the listener must be closed afterwards.
func TestRunDrainsInFlightRequestsOnShutdown(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	runErr := make(chan error, 1)
	go func() { runErr <- e.server.Run(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	waitServing(t, base)

	slow := getAsync(base + "/v1/complaint-types") // the upstream holds it for 300ms
	<-e.petitionCalls                              // in flight at the upstream
	cancel()

	r := <-slow
	require.NoError(t, r.err)
	require.Equal(t, http.StatusOK, r.code, "in-flight request finished during the drain")
	select {
	case err := <-runErr:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after shutdown")
	}
	_, err = http.Get(base + "/healthz")
	require.Error(t, err, "no longer accepting connections")
}

func waitServing(t *testing.T, base string) {
	t.Helper()
	require.Eventually(t, func() bool {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	}, 5*time.Second, 20*time.Millisecond)
}

type result struct {
	code int
	err  error
}

// getAsync GETs url in the background.
func getAsync(url string) <-chan result {
	out := make(chan result, 1)
	go func() {
		resp, err := http.Get(url)
		if err != nil {
			out <- result{err: err}
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		out <- result{code: resp.StatusCode}
	}()
	return out
}
