package readcache

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// An item read while a change committed (the generation moved between the
// read and Put) is never kept: it may be the state before the change.
func TestAReadOverlappingAChangeIsNotKept(t *testing.T) {
	c := New(1, time.Hour)
	c.Resume()
	gen := c.Generation()
	c.Invalidate()
	c.Put("a", &domain.Item{ID: "a"}, gen)
	_, ok := c.Get("a")
	require.False(t, ok)

	c.Put("a", &domain.Item{ID: "a"}, c.Generation())
	got, ok := c.Get("a")
	require.True(t, ok)
	require.Equal(t, "a", got.ID)
}

// Off (size or TTL 0) is a nil cache that keeps nothing.
func TestOffKeepsNothing(t *testing.T) {
	c := New(0, time.Hour)
	require.Nil(t, c)
	c.Put("a", &domain.Item{ID: "a"}, c.Generation())
	_, ok := c.Get("a")
	require.False(t, ok)
}

// Every replica hears the service's domain events on a real NATS server
// and drops what it kept; while NATS is away nothing is served, and what
// was kept before the outage is dropped when it comes back (events may
// have been missed).
func TestEventsOverNATSInvalidateAndAnOutageSuspends(t *testing.T) {
	n := testinfra.FreshNATS(t)
	replicas := []*Cache{New(1, time.Hour), New(1, time.Hour)}
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	for _, c := range replicas {
		go func() { _ = Follow(ctx, c, n.URL(), "test", slog.New(slog.DiscardHandler)) }()
		require.Eventually(t, c.Online, 10*time.Second, 10*time.Millisecond)
	}
	pub, err := nats.Connect(n.URL(), nats.MaxReconnects(-1), nats.ReconnectWait(50*time.Millisecond))
	require.NoError(t, err)
	t.Cleanup(pub.Close)

	keep := func() {
		for _, c := range replicas {
			c.Put("a", &domain.Item{ID: "a"}, c.Generation())
			_, ok := c.Get("a")
			require.True(t, ok)
		}
	}
	keep()
	require.NoError(t, pub.Publish("seoul.content.item.updated", []byte("x")))
	for _, c := range replicas {
		require.Eventually(t, func() bool { _, ok := c.Get("a"); return !ok }, 10*time.Second, 5*time.Millisecond)
	}

	keep()
	n.Kill()
	for _, c := range replicas {
		require.Eventually(t, func() bool { return !c.Online() }, 10*time.Second, 5*time.Millisecond)
		_, ok := c.Get("a")
		require.False(t, ok)
	}
	require.NoError(t, n.Start())
	for _, c := range replicas {
		require.Eventually(t, c.Online, 20*time.Second, 10*time.Millisecond)
		_, ok := c.Get("a")
		require.False(t, ok, "items kept before the outage are dropped")
	}
}
