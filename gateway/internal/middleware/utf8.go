package middleware

import (
	"net/http"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/platform/errs"
)

// ValidUTF8 refuses a request whose path or query is not valid UTF-8 once
// percent-decoded (e.g. /requests/%FF.json). Protobuf strings must be UTF-8,
// so such a value would otherwise fail while the edge marshals the gRPC
// request and come back as an internal error; it is the client's mistake,
// so it is a 400 naming the parameter.
func ValidUTF8(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if field, bad := invalidUTF8(r); bad {
			apierror.Error(w, r, 0, errs.Invalid(field, "NOT_UTF8"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func invalidUTF8(r *http.Request) (string, bool) {
	if !utf8.ValidString(r.URL.Path) {
		return "path", true
	}
	if r.URL.RawQuery == "" {
		return "", false // nothing to parse
	}
	for key, values := range r.URL.Query() {
		if !utf8.ValidString(key) {
			return "query", true
		}
		for _, v := range values {
			if !utf8.ValidString(v) {
				return key, true
			}
		}
	}
	return "", false
}
