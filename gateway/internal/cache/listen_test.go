package cache

import (
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/testinfra"
)

// A domain event published on a real NATS server drops the answers of the
// service that published it, and only those; a NATS outage turns the
// cache off until the connection is back.
func TestEventsOverNATSInvalidateTheirServiceAndAnOutageSuspends(t *testing.T) {
	n := testinfra.FreshNATS(t)
	c := New(Config{SizeMiB: 1, TTL: time.Hour, NATSURL: n.URL()}, services)
	nc, err := Listen(n.URL(), c, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	t.Cleanup(nc.Close)
	require.Eventually(t, c.Online, 10*time.Second, 10*time.Millisecond)

	pub, err := nats.Connect(n.URL(), nats.MaxReconnects(-1), nats.ReconnectWait(50*time.Millisecond))
	require.NoError(t, err)
	t.Cleanup(pub.Close)

	content := &fetcher{status: http.StatusOK, body: "item v1"}
	board := &fetcher{status: http.StatusOK, body: "board"}
	ck, bk := Key{Service: "content", Target: "/v1/items/1?"}, Key{Service: "board", Target: "/v1/boards?"}
	_, _ = c.Load(ck, content.fetch)
	_, _ = c.Load(bk, board.fetch)

	content.body = "item v2"
	require.NoError(t, pub.Publish("seoul.content.item.updated", []byte("x")))
	require.Eventually(t, func() bool {
		a, _ := c.Load(ck, content.fetch)
		return string(a.Body) == "item v2"
	}, 10*time.Second, 5*time.Millisecond)
	_, o := c.Load(bk, board.fetch)
	require.Equal(t, Hit, o, "content's event keeps board's answers")

	// A dead letter is not a change.
	require.NoError(t, pub.Publish("seoul.dlq.board.awards", []byte("x")))
	require.NoError(t, pub.Publish("seoul.privacy.subject.erased", []byte("x")))
	require.Eventually(t, func() bool { _, o := c.Load(bk, board.fetch); return o == Miss }, 10*time.Second, 5*time.Millisecond,
		"an erasure changes what every service shows")

	n.Kill()
	require.Eventually(t, func() bool { return !c.Online() }, 10*time.Second, 5*time.Millisecond)
	_, o = c.Load(ck, content.fetch)
	require.Equal(t, Bypass, o)
	require.NoError(t, n.Start())
	require.Eventually(t, c.Online, 20*time.Second, 10*time.Millisecond)
	_, o = c.Load(ck, content.fetch)
	require.Equal(t, Miss, o, "answers kept before the outage are dropped")
}

func TestResolvedSubjectsOfEvents(t *testing.T) {
	t.Parallel()
	c := newOnline(t)
	f := &fetcher{status: http.StatusOK, body: "b"}
	k := Key{Service: "board", Target: "/v1/boards?"}
	_, _ = c.Load(k, f.fetch)
	for _, s := range []string{"seoul", "seoul.board", "seoul.dlq.board.x", "seoul.unknown.a.b", "seoul.content.item.updated"} {
		c.onEvent(s)
		_, o := c.Load(k, f.fetch)
		require.Equal(t, Hit, o, s)
	}
	c.onEvent("seoul.board.post.created")
	_, o := c.Load(k, f.fetch)
	require.Equal(t, Miss, o)
}
