package middleware

import (
	"context"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/gateway/internal/open311"
	"github.com/seoul-gov/homepage/platform/errs"
)

// Limits bounds every request: its context ends after timeout, so a slow
// upstream cannot hold an edge goroutine and connection forever (the gRPC
// call inherits the deadline), and its body may not exceed maxBody bytes:
// a larger declared Content-Length is 413 at once, a longer streamed body
// fails when read (also 413, see edge.bind).
func Limits(timeout time.Duration, maxBody int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if maxBody > 0 && r.ContentLength > maxBody {
				apierror.Error(w, r, http.StatusRequestEntityTooLarge, errs.E(errs.KindInvalid, "BODY_TOO_LARGE", "max", maxBody))
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), timeout)
			defer cancel()
			// Nothing to bound on a request without a body (every GET).
			if r.Body != nil && r.Body != http.NoBody && maxBody > 0 {
				r.Body = http.MaxBytesReader(w, r.Body, maxBody)
			}
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// JSONBodies refuses a request body that says it is not JSON with 415
// Unsupported Media Type: the API reads JSON only, and decoding a form or
// a file as JSON would give a confusing 400. A body without Content-Type
// is read as JSON.
func JSONBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ct := r.Header.Get("Content-Type")
		// GeoReport v2 posts forms (package open311 reads them).
		if ct == "" || r.ContentLength == 0 || isJSON(ct) || open311.Owns(r) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Accept", "application/json")
		apierror.Error(w, r, http.StatusUnsupportedMediaType, errs.E(errs.KindInvalid, "UNSUPPORTED_MEDIA_TYPE", "type", ct))
	})
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}
