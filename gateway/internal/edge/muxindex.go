package edge

import (
	"net/http"
	"strings"
)

// muxIndex sends a request straight to the mux of the one upstream whose
// routes alone could match it, so that mux tries that service's patterns
// only. grpc-gateway's mux tries every pattern of a method in turn,
// allocating for each; with every service's routes on one mux, a read of
// content's scanned some sixty GET patterns first (a quarter of the edge's
// own CPU per request, issue 17). A pattern matches only paths of its
// number of segments, so routes are indexed by that number and their first
// two segments: /v1/items/{item_id} by (3, v1, items). Keys that routes of
// more than one owner share, the edge's own endpoints and anything unusual
// go to the mux holding every route, which also answers 404 and 405.
type muxIndex struct {
	all   http.Handler
	byKey map[routeKey]http.Handler
}

// routeKey is what muxIndex knows of a path: its number of segments and
// its first two, without a custom method's verb.
type routeKey struct {
	segments      int
	first, second string
}

// newMuxIndex indexes the route table by owner: each route of an upstream
// in own is served by own[service]; any other route (the edge's own, the
// dead-letter routes, a service not dialled) keeps its key on all. A
// template whose key cannot be told (a variable among its first two
// segments, a multi-segment variable) turns the index off.
func newMuxIndex(all http.Handler, own map[string]http.Handler, t *routeTable) http.Handler {
	owner := map[routeKey]string{}
	for _, r := range t.routes {
		k, ok := templateKey(r.key)
		if !ok {
			return all
		}
		o := r.service
		if _, dialled := own[o]; !dialled {
			o = ""
		}
		if was, seen := owner[k]; seen && was != o {
			o = ""
		}
		owner[k] = o
	}
	x := &muxIndex{all: all, byKey: map[routeKey]http.Handler{}}
	for k, o := range owner {
		if o != "" {
			x.byKey[k] = own[o]
		}
	}
	return x
}

func (x *muxIndex) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// An escaped path is left to the full mux, which decides how to
	// unescape it.
	if r.URL.RawPath == "" {
		if h, ok := x.byKey[keyOf(r.URL.Path)]; ok {
			h.ServeHTTP(w, r)
			return
		}
	}
	x.all.ServeHTTP(w, r)
}

// keyOf is a path's routeKey: (3, v1, items) for /v1/items/42, (2, v1,
// items) for /v1/items:search.
func keyOf(path string) routeKey {
	p := strings.TrimPrefix(path, "/")
	k := routeKey{segments: strings.Count(p, "/") + 1}
	first, rest, _ := strings.Cut(p, "/")
	second, _, _ := strings.Cut(rest, "/")
	switch k.segments {
	case 1:
		first = withoutVerb(first)
	case 2:
		second = withoutVerb(second)
	}
	k.first, k.second = first, second
	return k
}

func withoutVerb(segment string) string {
	if i := strings.LastIndexByte(segment, ':'); i >= 0 {
		return segment[:i]
	}
	return segment
}

// templateKey is keyOf a route template as Pattern.String prints it
// (/v1/items/{item_id=*}), false when that key would not hold for every
// path the template matches.
func templateKey(template string) (routeKey, bool) {
	for rest := template; ; {
		_, v, found := strings.Cut(rest, "{")
		if !found {
			break
		}
		v, rest, _ = strings.Cut(v, "}")
		if strings.Contains(v, "/") || strings.Contains(v, "**") {
			return routeKey{}, false
		}
	}
	if strings.Contains(template, "**") {
		return routeKey{}, false
	}
	k := keyOf(template)
	return k, !strings.ContainsAny(k.first+k.second, "{}*")
}
