package middleware

import (
	"net/http"

	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/locale"
	"github.com/seoul-gov/homepage/platform/logging"
)

// HeaderRequestID is the HTTP header carrying the request id both ways.
const HeaderRequestID = "X-Request-Id"

// maxRequestIDLen bounds a client-chosen id so it cannot bloat every log
// line and metadata frame that carries it.
const maxRequestIDLen = 64

// RequestID adopts the client's X-Request-Id when it is sane, otherwise
// generates one, echoes it in the response and stores it in the context.
// From the context, platform/grpcclient sends it to the upstream as
// x-request-id metadata and platform/logging adds it to every log record,
// so one id follows the request across the edge and the services.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(HeaderRequestID)
		if !SaneRequestID(id) {
			id = grpcserver.NewRequestID()
		}
		// The request's header is set only when it does not say id alone
		// already (a client's own id is kept as sent).
		if vs := r.Header.Values(HeaderRequestID); len(vs) != 1 || vs[0] != id {
			r.Header.Set(HeaderRequestID, id)
		}
		w.Header().Set(HeaderRequestID, id)
		next.ServeHTTP(w, r.WithContext(logging.WithRequestID(r.Context(), id)))
	})
}

// SaneRequestID reports whether id is 1..64 characters of [A-Za-z0-9_-]:
// safe to log, to put in gRPC metadata and to echo in a header.
func SaneRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
		if !ok {
			return false
		}
	}
	return true
}

// Language records the caller's Accept-Language in the context: the edge
// renders its own errors in it, and platform/grpcclient forwards it to the
// services as accept-language metadata, so their errors are in it too
// (Korean when the caller asks for nothing the catalogue has).
func Language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := r.Header.Get("Accept-Language")
		if lang == "" {
			next.ServeHTTP(w, r) // nothing to record: Korean
			return
		}
		next.ServeHTTP(w, r.WithContext(locale.WithAcceptLanguage(r.Context(), lang)))
	})
}
