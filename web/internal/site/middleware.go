package site

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"

	"github.com/seoul-gov/homepage/platform/logging"
)

// csp allows nothing from outside the suite: the site's own styles,
// scripts and images, forms posting only to itself, no framing.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// secure wraps every answer with the headers a public-sector site owes its
// visitors, and refuses cross-origin form posts before any handler runs
// (net/http's CrossOriginProtection; the per-form CSRF token is the
// second line).
func (a *App) secure(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	guarded := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		if a.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		guarded.ServeHTTP(w, r)
	})
}

func requestID(ctx context.Context) string {
	return logging.RequestID(ctx)
}

// observe gives each request an id (sent on to the edge, so one visit can
// be followed through the suite's logs) and logs one line per request:
// route pattern, never the query or form, which may hold personal data.
func (a *App) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		ctx := logging.WithRequestID(r.Context(), id)
		// The mux records the matched pattern on the request it is given.
		inner := r.WithContext(ctx)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if v := recover(); v != nil {
				a.Log.ErrorContext(ctx, "panic serving page", "panic", v)
				if !rec.wrote {
					http.Error(rec, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
				}
			}
			a.Log.LogAttrs(ctx, slog.LevelInfo, "http request", slog.String("method", r.Method),
				slog.String("route", inner.Pattern), slog.Int("status", rec.status),
				slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000))
		}()
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(rec, inner)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}
