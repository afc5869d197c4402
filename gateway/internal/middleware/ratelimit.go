package middleware

import (
	"math"
	"net"
	"net/http"
	"strconv"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/ratelimit"
)

// RateLimit refuses requests over l's limit for their client (as key
// names it: AddressKey, ClientKey) with 429, a Retry-After header and the
// usual JSON error. Requests for which skip returns true (health probes)
// are never limited, so a busy client cannot get the edge restarted by its
// orchestrator.
func RateLimit(l *ratelimit.Keyed, key func(*http.Request) string, skip func(*http.Request) bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if skip != nil && skip(r) {
				next.ServeHTTP(w, r)
				return
			}
			ok, wait := l.Allow(key(r))
			if !ok {
				secs := int(math.Ceil(wait.Seconds()))
				w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
				apierror.Error(w, r, 0, errs.E(errs.KindResourceExhausted, "RATE_LIMITED", "seconds", max(secs, 1)))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// ClientKey identifies the client for rate limiting: the verified subject
// when signed in, so users behind one NAT do not share a bucket, else the
// peer address. The peer is the TCP peer only: trusting X-Forwarded-For
// without a known proxy in front would let any client pick its own bucket.
// A subject's key is prefixed, an address is bare (no address starts with
// "sub:"), so the two never share a bucket and an anonymous request's key
// costs nothing to build.
func ClientKey(r *http.Request) string {
	if c := identity.From(r.Context()); !c.Anonymous() {
		return "sub:" + c.Subject
	}
	return AddressKey(r)
}

// AddressKey identifies the client by its TCP peer address alone: the
// key of the limit applied before any token is verified, so a flood of
// bad tokens is throttled before each one costs a signature check. Its
// limiter holds addresses only, so the key is the bare address (part of
// RemoteAddr: nothing to allocate per request).
func AddressKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return host
}
