// Package middleware holds the edge's HTTP middleware: request ids, access
// logging and metrics, panic recovery, CORS, per-client rate limiting and
// per-request limits. Each is a func(http.Handler) http.Handler so the edge
// can read its chain top to bottom in one place (edge.Server.chain).
package middleware

import "net/http"

// Chain applies mws so that the first one is the outermost: Chain(h, a, b)
// serves a(b(h)).
func Chain(h http.Handler, mws ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}
