package edge

import (
	"context"
	"regexp"
	"strings"
	"unicode"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcserver"
)

// TimeExample and DateExample are what a refused time or date is told to
// look like (never Go's layout string).
const (
	TimeExample = "2026-03-01T09:00:00+09:00"
	DateExample = "2026-03-01"
)

// decodeRule recovers the field and the reason of a request the mux could
// not decode (an unknown enum name, a wrong JSON type, an unknown field, a
// bad path or query parameter): grpc-gateway and protojson report those in
// plain English text, and the client should get a field violation with a
// reason like every other bad input.
type decodeRule struct {
	pattern *regexp.Regexp
	reason  string
	args    []any
}

var decodeRules = []decodeRule{
	{regexp.MustCompile(`unknown field "?([\w.]+)"?`), "UNKNOWN_FIELD", nil},
	{regexp.MustCompile(`duplicate field "?([\w.]+)"?`), "DUPLICATE_FIELD", nil},
	{regexp.MustCompile(`invalid value for enum field (\w+)`), "INVALID_ENUM", nil},
	{regexp.MustCompile(`invalid value for \w+ field (\w+)`), "INVALID_VALUE", nil},
	{regexp.MustCompile(`parsing field "(\w+)": parsing time`), "INVALID_TIME", []any{"example", TimeExample}},
	{regexp.MustCompile(`parsing field "(\w+)": .* is not a valid value`), "INVALID_ENUM", nil},
	{regexp.MustCompile(`(?:parsing (?:field|list|map key|map value)|too many values for field) "(\w+)"`), "INVALID_VALUE", nil},
	{regexp.MustCompile(`parameter:? "?(\w+)"?`), "INVALID_VALUE", nil},
}

// withDecodeViolation turns an edge-side decoding failure into a field
// violation with a reason, rendered in the caller's language; statuses
// that already carry details (the services') pass unchanged.
func withDecodeViolation(ctx context.Context, st *status.Status) *status.Status {
	if st.Code() != codes.InvalidArgument || len(st.Details()) > 0 {
		return st
	}
	msg := st.Message()
	for _, rule := range decodeRules {
		if m := rule.pattern.FindStringSubmatch(msg); m != nil {
			return grpcserver.StatusOf(ctx, errs.Invalid(snake(m[1]), rule.reason, rule.args...))
		}
	}
	return grpcserver.StatusOf(ctx, errs.E(errs.KindInvalid, "INVALID_JSON"))
}

// snake turns protojson's lowerCamel JSON names back into proto names,
// which is what the edge emits and documents.
func snake(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
