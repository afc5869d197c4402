package middleware

import (
	"net/http"
	"strings"
)

// NotModified answers a GET or HEAD whose If-None-Match names the ETag
// of the response about to be sent with 304 Not Modified and no body
// (RFC 9110 §13.1.2), so a client that already holds the current state of
// a resource does not download it again.
func NotModified(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inm := r.Header.Get("If-None-Match")
		if inm == "" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&conditionalWriter{ResponseWriter: w, ifNoneMatch: inm}, r)
	})
}

// conditionalWriter turns a 200 whose ETag matches into a 304.
type conditionalWriter struct {
	http.ResponseWriter
	ifNoneMatch string
	decided     bool
	notModified bool
}

func (c *conditionalWriter) WriteHeader(code int) {
	if c.decided {
		return
	}
	c.decided = true
	h := c.Header()
	if code == http.StatusOK && matchesAny(c.ifNoneMatch, h.Get("ETag")) {
		c.notModified = true
		for _, k := range []string{"Content-Type", "Content-Length", "Grpc-Metadata-Content-Type"} {
			h.Del(k)
		}
		c.ResponseWriter.WriteHeader(http.StatusNotModified)
		return
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *conditionalWriter) Write(b []byte) (int, error) {
	if !c.decided {
		c.WriteHeader(http.StatusOK)
	}
	if c.notModified {
		return len(b), nil
	}
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (c *conditionalWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// matchesAny is If-None-Match's weak comparison of a list against etag.
func matchesAny(list, etag string) bool {
	if etag == "" {
		return false
	}
	if strings.TrimSpace(list) == "*" {
		return true
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(list, ",") {
		if strings.TrimPrefix(strings.TrimSpace(t), "W/") == want {
			return true
		}
	}
	return false
}
