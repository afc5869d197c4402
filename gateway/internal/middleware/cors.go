package middleware

import (
	"net/http"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/platform/errs"
)

// The CORS policy is deliberately fixed apart from the origins: the API is
// called with a bearer token in a header, never with cookies, so
// credentials are not allowed and the header list is what the API reads.
const (
	corsMethods = "GET, POST, PUT, PATCH, DELETE"
	corsHeaders = "Authorization, Content-Type, X-Request-Id"
	corsExpose  = "X-Request-Id, Retry-After"
	corsMaxAge  = "600"
)

// CORS lets browsers on the listed origins call the API. "*" allows any
// origin. With no origins it does nothing: browsers then refuse
// cross-origin calls, which is the safe default.
func CORS(origins []string) func(http.Handler) http.Handler {
	if len(origins) == 0 {
		return func(next http.Handler) http.Handler { return next }
	}
	anyOrigin := slices.Contains(origins, "*")
	allowed := func(o string) bool { return anyOrigin || slices.Contains(origins, o) }
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			origin := r.Header.Get("Origin")
			if origin == "" {
				next.ServeHTTP(w, r)
				return
			}
			h := w.Header()
			h.Add("Vary", "Origin")
			if isPreflight(r) {
				preflight(w, r, allowed(origin))
				return
			}
			if allowed(origin) {
				h.Set("Access-Control-Allow-Origin", origin)
				h.Set("Access-Control-Expose-Headers", corsExpose)
			}
			next.ServeHTTP(w, r)
		})
	}
}

func isPreflight(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
}

// preflight answers an OPTIONS preflight itself: upstream services have no
// OPTIONS routes, and a refused origin gets a clear 403 without any
// Access-Control-Allow-* header, which is what makes the browser refuse.
func preflight(w http.ResponseWriter, r *http.Request, ok bool) {
	h := w.Header()
	h.Add("Vary", "Access-Control-Request-Method")
	h.Add("Vary", "Access-Control-Request-Headers")
	if !ok {
		apierror.Error(w, r, 0, errs.PermissionDenied("ORIGIN_NOT_ALLOWED", "origin", r.Header.Get("Origin")))
		return
	}
	h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
	h.Set("Access-Control-Allow-Methods", corsMethods)
	h.Set("Access-Control-Allow-Headers", corsHeaders)
	h.Set("Access-Control-Max-Age", corsMaxAge)
	w.WriteHeader(http.StatusNoContent)
}

// ValidOrigin reports whether o is "*" or a bare origin such as
// "https://www.seoul.go.kr" (scheme and host, optional port, no path).
func ValidOrigin(o string) bool {
	if o == "*" {
		return true
	}
	rest, ok := strings.CutPrefix(o, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(o, "http://")
	}
	return ok && rest != "" && !strings.ContainsAny(rest, "/?#@ ")
}
