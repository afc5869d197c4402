package middleware

import (
	"context"
	"net/http"
	"time"
)

// Limits bounds every request: its context ends after timeout, so a slow
// upstream cannot hold an edge goroutine and connection forever (the gRPC
// call inherits the deadline), and its body may not exceed maxBody bytes.
func Limits(timeout time.Duration, maxBody int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), timeout)
			defer cancel()
			if r.Body != nil && maxBody > 0 {
				r.Body = http.MaxBytesReader(w, r.Body, maxBody)
			}
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
