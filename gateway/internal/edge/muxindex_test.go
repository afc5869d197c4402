package edge

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// anyVar is a template's variable, {item_id=*} or {id}.
var anyVar = regexp.MustCompile(`\{[^}]*\}`)

// named is a handler that says which mux it stands for.
type named string

func (n named) ServeHTTP(w http.ResponseWriter, _ *http.Request) { w.Header().Set("Mux", string(n)) }

// TestMuxIndexSendsAPathOnlyToItsOwner: every binding's paths reach
// either the mux of the service that owns the binding or the mux of every
// route, never another service's mux (where they would be a 404), and the
// hot public reads skip the full mux.
func TestMuxIndexSendsAPathOnlyToItsOwner(t *testing.T) {
	t.Parallel()
	routes := loadRoutes()
	routes.addLocal(http.MethodGet, "/healthz")
	routes.addLocal(http.MethodGet, "/open311/v2/requests/{service_request_id}.json")
	own := map[string]http.Handler{}
	for _, s := range []string{"content", "board", "petition", "event", "mileage", "privacy", "mail"} {
		own[s] = named(s)
	}
	index := newMuxIndex(named("all"), own, routes)
	served := func(method, path string) string {
		rec := httptest.NewRecorder()
		index.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
		return rec.Header().Get("Mux")
	}
	for _, r := range routes.routes {
		path := anyVar.ReplaceAllString(r.key, "x")
		got := served(r.method, path)
		require.Contains(t, []string{"all", r.service}, got, "%s %s (%s)", r.method, path, r.key)
	}
	require.Equal(t, "content", served(http.MethodGet, "/v1/items/42"))
	require.Equal(t, "content", served(http.MethodGet, "/v1/items:search"))
	require.Equal(t, "content", served(http.MethodGet, "/v1/departments"))
	require.Equal(t, "all", served(http.MethodGet, "/v1/departments/D100/due-complaints"), "content and petition share the key")
	require.Equal(t, "all", served(http.MethodGet, "/healthz"))
	require.Equal(t, "all", served(http.MethodGet, "/v1/it%65ms/42"), "escaped paths are the full mux's")
}

func TestMuxIndexIsOffForATemplateItCannotKey(t *testing.T) {
	t.Parallel()
	routes := loadRoutes()
	routes.add(rpcRoute{method: http.MethodGet, service: "content", key: "/v1/{name=**}"})
	index := newMuxIndex(named("all"), map[string]http.Handler{"content": named("content")}, routes)
	_, indexed := index.(*muxIndex)
	require.False(t, indexed)
}
