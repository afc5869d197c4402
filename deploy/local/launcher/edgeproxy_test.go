package launcher

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// The edge's replicas behind one port: new connections alternate between
// them, and once one is gone the other takes every connection.
func TestEdgeProxySpreadsConnectionsAndSkipsADeadReplica(t *testing.T) {
	t.Parallel()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "a") }))
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "b") }))
	defer b.Close()
	p, err := startEdgeProxy("127.0.0.1:0", []string{a.Listener.Addr().String(), b.Listener.Addr().String()})
	require.NoError(t, err)
	defer p.Close()
	get := func() string {
		// A new connection per request: the proxy balances connections.
		c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := c.Get("http://" + p.ln.Addr().String())
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return string(body)
	}
	seen := map[string]int{}
	for range 10 {
		seen[get()]++
	}
	require.Equal(t, map[string]int{"a": 5, "b": 5}, seen)

	a.Close()
	for range 6 {
		require.Equal(t, "b", get())
	}
}

// Close ends the connections in flight and frees the port.
func TestEdgeProxyCloseFreesThePort(t *testing.T) {
	t.Parallel()
	backend, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer backend.Close()
	p, err := startEdgeProxy("127.0.0.1:0", []string{backend.Addr().String()})
	require.NoError(t, err)
	addr := p.ln.Addr().String()
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer c.Close()
	held, err := backend.Accept() // the forwarded connection, left open
	require.NoError(t, err)
	defer held.Close()
	p.Close()
	_, err = c.Read(make([]byte, 1))
	require.ErrorIs(t, err, io.EOF)
	ln, err := net.Listen("tcp", addr)
	require.NoError(t, err)
	ln.Close()
}
