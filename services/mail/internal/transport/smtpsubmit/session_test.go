package smtpsubmit

import (
	"net"
	"testing"

	"github.com/stretchr/testify/require"
)

// A9.1: AUTH without TLS is offered only to a mail program on the server
// itself; from anywhere else the password crosses a network, so STARTTLS
// comes first (the server tests speak TLS; this is the rule's table).
func TestA9_1PlainAuthOnlyFromLoopback(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{"127.0.0.1": true, "127.0.0.2": true, "::1": true,
		"10.0.0.5": false, "192.168.1.20": false, "203.0.113.9": false, "2001:db8::1": false} {
		require.Equal(t, want, loopback(&net.TCPAddr{IP: net.ParseIP(addr), Port: 50000}), addr)
	}
	require.False(t, loopback(&net.UnixAddr{Name: "/tmp/x", Net: "unix"}))
}
