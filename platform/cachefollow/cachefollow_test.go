package cachefollow_test

import (
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/cachefollow"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

// cache records what Follow did to it.
type cache struct {
	mu      sync.Mutex
	on      bool
	resumed int
	events  []string
}

func (c *cache) Suspend() { c.mu.Lock(); c.on = false; c.mu.Unlock() }
func (c *cache) Resume()  { c.mu.Lock(); c.on, c.resumed = true, c.resumed+1; c.mu.Unlock() }
func (c *cache) state() (bool, int, []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.on, c.resumed, append([]string(nil), c.events...)
}

// A followed cache serves once the subscription is live, hears every event
// on its subject and no other, and is off once its connection is closed.
func TestFollowResumesHearsEventsAndSuspends(t *testing.T) {
	n := testinfra.FreshNATS(t)
	c := &cache{}
	nc, err := cachefollow.Follow(n.URL(), "test-cache", "seoul.content.>", c, func(s string) {
		c.mu.Lock()
		c.events = append(c.events, s)
		c.mu.Unlock()
	}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	require.Eventually(t, func() bool { on, _, _ := c.state(); return on }, 10*time.Second, 5*time.Millisecond)

	pub, err := nats.Connect(n.URL())
	require.NoError(t, err)
	t.Cleanup(pub.Close)
	require.NoError(t, pub.Publish("seoul.board.post.created", nil))
	require.NoError(t, pub.Publish("seoul.content.item.updated", nil))
	require.Eventually(t, func() bool { _, _, ev := c.state(); return len(ev) == 1 }, 10*time.Second, 5*time.Millisecond)
	_, _, ev := c.state()
	require.Equal(t, []string{"seoul.content.item.updated"}, ev)

	nc.Close()
	require.Eventually(t, func() bool { on, _, _ := c.state(); return !on }, 10*time.Second, 5*time.Millisecond)
}

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }
