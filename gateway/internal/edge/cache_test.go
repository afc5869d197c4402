package edge_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gateway/internal/cache"
	"github.com/seoul-gov/homepage/gateway/internal/edge"
	"github.com/seoul-gov/homepage/platform/freshread"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

// newCachingEnv is an edge whose cache listens to its own NATS server and
// keeps answers for an hour, so only an event or a change through the
// edge can refresh one within a test.
func newCachingEnv(t testing.TB, opts ...option) (*env, *nats.Conn) {
	t.Helper()
	n := testinfra.FreshNATS(t)
	e := newEnv(t, append(opts, func(c *edge.Config) {
		c.Cache = cache.Config{SizeMiB: 1, TTL: time.Hour, NATSURL: n.URL()}
	})...)
	// The cache serves from memory once its subscription is live.
	require.Eventually(t, func() bool {
		return e.do(http.MethodGet, "/v1/departments", "").Header().Get("X-Cache") == "HIT"
	}, 10*time.Second, 10*time.Millisecond)
	pub, err := nats.Connect(n.URL())
	require.NoError(t, err)
	t.Cleanup(pub.Close)
	return e, pub
}

func itemSlug(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct {
		Slug string `json:"slug"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out.Slug
}

// A10.1: only anonymous reads come from the cache. A request with a token,
// a cookie or an API key reaches the service every time, gets no-store,
// and what it got is never kept for anyone else.
func TestA10_1_EdgeCacheServesOnlyAnonymousPublicReads(t *testing.T) {
	t.Parallel()
	e, _ := newCachingEnv(t)
	before, _ := e.content.last()

	first := e.do(http.MethodGet, "/v1/departments", "")
	require.Equal(t, "HIT", first.Header().Get("X-Cache"))
	require.Equal(t, "no-cache", first.Header().Get("Cache-Control"))
	require.Equal(t, "Accept-Language", first.Header().Get("Vary"))
	require.NotEmpty(t, first.Header().Get("ETag"), "the edge's own etag is kept with the answer")

	tok := e.mint(identity.Claims{Subject: "c-1", Roles: []identity.Role{identity.RoleCitizen}}, time.Hour)
	for _, h := range [][]string{
		{"Authorization", "Bearer " + tok},
		{"Cookie", "session=abc"},
		{"X-Api-Key", "key"},
	} {
		rec := e.do(http.MethodGet, "/v1/departments", "", h...)
		require.Equal(t, http.StatusOK, rec.Code, h[0])
		require.Empty(t, rec.Header().Get("X-Cache"), h[0])
	}
	rec := e.do(http.MethodGet, "/v1/departments?api_key=k", "")
	require.Empty(t, rec.Header().Get("X-Cache"))
	calls, _ := e.content.last()
	require.Equal(t, before+4, calls, "every request with a credential reached the service")

	again := e.do(http.MethodGet, "/v1/departments", "")
	require.Equal(t, "HIT", again.Header().Get("X-Cache"))
	require.Equal(t, first.Body.String(), again.Body.String())
	notModified := e.do(http.MethodGet, "/v1/departments", "", "If-None-Match", first.Header().Get("ETag"))
	require.Equal(t, http.StatusNotModified, notModified.Code)
	calls, _ = e.content.last()
	require.Equal(t, before+4, calls)
}

// The language is part of the key, as the edge resolves it and hands it to
// the service: en-US and en-GB readers share an answer, Korean readers
// have their own.
func TestEdgeCacheKeysByResolvedLanguage(t *testing.T) {
	t.Parallel()
	e, _ := newCachingEnv(t)
	rec := e.do(http.MethodGet, "/v1/departments", "", "Accept-Language", "en-US,en;q=0.9,ko;q=0.8")
	require.Equal(t, "MISS", rec.Header().Get("X-Cache"))
	_, md := e.content.last()
	require.Equal(t, []string{"en"}, md.Get("accept-language"))
	rec = e.do(http.MethodGet, "/v1/departments", "", "Accept-Language", "en-GB")
	require.Equal(t, "HIT", rec.Header().Get("X-Cache"))
	rec = e.do(http.MethodGet, "/v1/departments", "", "Accept-Language", "ko-KR")
	require.Equal(t, "MISS", rec.Header().Get("X-Cache"))
}

// A write is visible right after the owning service's event, on every
// edge replica (each hears it), and at once on the replica the change
// went through.
func TestEdgeCacheDropsAnswersOnTheServicesEventAndOnAChangeThroughIt(t *testing.T) {
	t.Parallel()
	e, pub := newCachingEnv(t)
	require.Equal(t, "s", itemSlug(t, e.do(http.MethodGet, "/v1/items/it-1", "")))
	reads := e.content.itemReadCount()

	e.content.setItemSlug("s2")
	rec := e.do(http.MethodGet, "/v1/items/it-1", "")
	require.Equal(t, "s", itemSlug(t, rec), "served from memory until an event says otherwise")
	require.Equal(t, "HIT", rec.Header().Get("X-Cache"))
	require.Equal(t, reads, e.content.itemReadCount())

	require.NoError(t, pub.Publish("seoul.board.post.created", []byte("{}")))
	require.NoError(t, pub.Publish("seoul.content.item.updated", []byte("{}")))
	require.Eventually(t, func() bool {
		return itemSlug(t, e.do(http.MethodGet, "/v1/items/it-1", "")) == "s2"
	}, 10*time.Second, 5*time.Millisecond)

	e.content.setItemSlug("s3")
	tok := e.mint(identity.Claims{Subject: "o-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "D100"}, time.Hour)
	patch := e.do(http.MethodPatch, "/v1/items/it-1", `{"slug":"s3"}`, "Authorization", "Bearer "+tok)
	require.Equal(t, http.StatusOK, patch.Code, patch.Body.String())
	require.Equal(t, "s3", itemSlug(t, e.do(http.MethodGet, "/v1/items/it-1", "")),
		"a change through this edge is read back at once")
}

// Without NATS the cache cannot know when answers change: it stays off and
// every read reaches the service.
func TestEdgeCacheStaysOffWithoutEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(c *edge.Config) {
		c.Cache = cache.Config{SizeMiB: 1, TTL: time.Hour, NATSURL: "nats://127.0.0.1:1"}
	})
	before, _ := e.content.last()
	for range 3 {
		rec := e.do(http.MethodGet, "/v1/departments", "")
		require.Equal(t, http.StatusOK, rec.Code)
		require.Empty(t, rec.Header().Get("Cache-Control"))
	}
	calls, _ := e.content.last()
	require.Equal(t, before+3, calls)
}

// Issue 17: the edge keeps an answer until the service's next event, so it
// fills its cache with fresh reads (platform/freshread), past the read
// cache of a service replica that may not have heard of that event yet. A
// read it does not keep asks for nothing special.
func TestEdgeCacheFillsWithFreshReads(t *testing.T) {
	t.Parallel()
	e, _ := newCachingEnv(t) // its first anonymous read filled the cache
	_, md := e.content.last()
	require.Equal(t, []string{"1"}, md.Get(freshread.MetadataKey))

	tok := e.mint(identity.Claims{Subject: "c-1", Roles: []identity.Role{identity.RoleCitizen}}, time.Hour)
	rec := e.do(http.MethodGet, "/v1/departments", "", "Authorization", "Bearer "+tok)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	_, md = e.content.last()
	require.Empty(t, md.Get(freshread.MetadataKey))
}
