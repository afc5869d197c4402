package cache

import (
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/testinfra"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

var services = []string{"content", "board", "privacy"}

func newOnline(t *testing.T) *Cache {
	t.Helper()
	c := New(Config{SizeMiB: 1, TTL: time.Hour, NATSURL: "nats://127.0.0.1:4222"}, services)
	require.NotNil(t, c)
	c.Resume()
	return c
}

// fetcher counts its calls and answers body with status.
type fetcher struct {
	calls  atomic.Int32
	status int
	body   string
}

func (f *fetcher) fetch() (*Answer, bool) {
	f.calls.Add(1)
	return &Answer{Status: f.status, Header: http.Header{}, Body: []byte(f.body)}, f.status == http.StatusOK
}

func TestConfigTurnsTheCacheOffAtZeroAndNamesBadSettings(t *testing.T) {
	t.Parallel()
	require.Nil(t, New(Config{SizeMiB: 0, TTL: time.Second}, services))
	require.Nil(t, New(Config{SizeMiB: 8, TTL: 0}, services))
	var off *Cache
	a, o := off.Load(Key{Service: "content"}, (&fetcher{status: 200}).fetch)
	require.Nil(t, a)
	require.Equal(t, Bypass, o)

	p := Config{SizeMiB: -1, TTL: -time.Second}.Validate()
	require.Len(t, p, 2)
	require.Contains(t, p[0], "EDGE_CACHE_SIZE")
	require.Contains(t, p[1], "EDGE_CACHE_TTL")
	require.Contains(t, Config{SizeMiB: 1, TTL: time.Second, NATSURL: "http://x"}.Validate()[0], "NATS_URL")
	require.Empty(t, Config{SizeMiB: 0, NATSURL: ""}.Validate(), "an unused NATS_URL is not checked")
}

func TestKeptAnswerIsServedUntilItsServiceIsInvalidated(t *testing.T) {
	t.Parallel()
	c := newOnline(t)
	f := &fetcher{status: http.StatusOK, body: "v1"}
	k := Key{Service: "content", Target: "/v1/items/1?"}

	a, o := c.Load(k, f.fetch)
	require.Equal(t, Miss, o)
	require.Equal(t, "v1", string(a.Body))
	f.body = "v2"
	a, o = c.Load(k, f.fetch)
	require.Equal(t, Hit, o)
	require.Equal(t, "v1", string(a.Body))

	c.Invalidate("board") // another service's change keeps content's answers
	_, o = c.Load(k, f.fetch)
	require.Equal(t, Hit, o)

	c.Invalidate("content")
	a, o = c.Load(k, f.fetch)
	require.Equal(t, Miss, o)
	require.Equal(t, "v2", string(a.Body))
	require.EqualValues(t, 2, f.calls.Load())
}

func TestKeyHoldsLanguageAndTarget(t *testing.T) {
	t.Parallel()
	c := newOnline(t)
	f := &fetcher{status: http.StatusOK, body: "x"}
	_, found := c.Lookup("", "/v1/items?page_size=1")
	require.False(t, found)
	for _, k := range []Key{
		{Service: "content", Target: "/v1/items?page_size=1"},
		{Service: "content", Target: "/v1/items?page_size=2"},
		{Service: "content", Target: "/v1/items?page_size=1", Language: "en"},
	} {
		_, o := c.Load(k, f.fetch)
		require.Equal(t, Miss, o, "%+v", k)
	}
	a, found := c.Lookup("en", "/v1/items?page_size=1")
	require.True(t, found, "kept answers are found before routing, by language and target")
	require.Equal(t, "x", string(a.Body))
	c.Invalidate("content")
	_, found = c.Lookup("en", "/v1/items?page_size=1")
	require.False(t, found, "an invalidated service's answers are not found")
}

func TestOnlyOKAnswersAreKept(t *testing.T) {
	t.Parallel()
	c := newOnline(t)
	f := &fetcher{status: http.StatusNotFound, body: "{}"}
	k := Key{Service: "content", Target: "/v1/items/404?"}
	for range 2 {
		a, o := c.Load(k, f.fetch)
		require.Equal(t, Miss, o)
		require.Equal(t, http.StatusNotFound, a.Status)
	}
	require.EqualValues(t, 2, f.calls.Load())
}

func TestOffLineCacheFetchesEveryTimeAndResumesEmpty(t *testing.T) {
	t.Parallel()
	c := newOnline(t)
	f := &fetcher{status: http.StatusOK, body: "old"}
	k := Key{Service: "privacy", Target: "/v1/privacy/policy?"}
	_, _ = c.Load(k, f.fetch)

	c.Suspend()
	require.False(t, c.Online())
	_, o := c.Load(k, f.fetch)
	require.Equal(t, Bypass, o)

	f.body = "new"
	c.Resume() // events may have been missed: nothing kept survives
	a, o := c.Load(k, f.fetch)
	require.Equal(t, Miss, o)
	require.Equal(t, "new", string(a.Body))
}

// waitingFetch blocks every fetch until release is closed, so callers pile
// up on one key.
func waitingFetch(started chan<- struct{}, release <-chan struct{}, calls *atomic.Int32, status int) func() (*Answer, bool) {
	return func() (*Answer, bool) {
		calls.Add(1)
		started <- struct{}{}
		<-release
		return &Answer{Status: status, Header: http.Header{}, Body: []byte("b")}, status == http.StatusOK
	}
}

func TestConcurrentMissesFetchOnce(t *testing.T) {
	t.Parallel()
	c := newOnline(t)
	k := Key{Service: "content", Target: "/v1/items:search?query=a"}
	var calls atomic.Int32
	// Room for every caller's start: a second fetch fails the count below
	// instead of hanging.
	started, release := make(chan struct{}, 8), make(chan struct{})
	outcomes := make(chan Outcome, 8)
	var wg sync.WaitGroup
	leader := waitingFetch(started, release, &calls, http.StatusOK)
	wg.Go(func() { _, o := c.Load(k, leader); outcomes <- o })
	<-started // the leader is fetching; the others join it
	var ready sync.WaitGroup
	ready.Add(7)
	for range 7 {
		wg.Go(func() {
			ready.Done()
			a, o := c.Load(k, waitingFetch(started, release, &calls, http.StatusOK))
			if a == nil || string(a.Body) != "b" {
				o = Bypass
			}
			outcomes <- o
		})
	}
	// Followers arriving before the release join the fetch; any arriving
	// after it find the kept answer. Either way: no second fetch.
	ready.Wait()
	close(release)
	wg.Wait()
	close(outcomes)
	require.EqualValues(t, 1, calls.Load(), "one fetch for every caller")
	for o := range outcomes {
		require.NotEqual(t, Bypass, o)
	}
}

func TestSharedFetchOfAnAnswerNotKeptIsTheFetchersAlone(t *testing.T) {
	t.Parallel()
	c := newOnline(t)
	k := Key{Service: "content", Target: "/v1/items/x?"}
	var calls atomic.Int32
	started, release := make(chan struct{}, 2), make(chan struct{})
	type result struct {
		a *Answer
		o Outcome
	}
	leaderDone, followerDone := make(chan result, 1), make(chan result, 1)
	go func() {
		a, o := c.Load(k, waitingFetch(started, release, &calls, http.StatusNotFound))
		leaderDone <- result{a, o}
	}()
	<-started
	go func() {
		a, o := c.Load(k, func() (*Answer, bool) { calls.Add(1); return &Answer{Status: http.StatusTeapot}, false })
		followerDone <- result{a, o}
	}()
	close(release)
	l, f := <-leaderDone, <-followerDone
	require.Equal(t, Miss, l.o)
	require.Equal(t, http.StatusNotFound, l.a.Status)
	// The follower either joined (Bypass: fetch for yourself) or came after
	// and fetched its own answer; it never gets the leader's 404.
	if f.o == Bypass {
		require.Nil(t, f.a)
	} else {
		require.Equal(t, http.StatusTeapot, f.a.Status)
	}
}
