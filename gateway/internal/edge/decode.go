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
	if m := bodyFieldPattern.FindStringSubmatch(msg); m != nil {
		return grpcserver.StatusOf(ctx, bodyFieldViolation(m[1], m[2]))
	}
	for _, rule := range decodeRules {
		if m := rule.pattern.FindStringSubmatch(msg); m != nil {
			return grpcserver.StatusOf(ctx, errs.Invalid(snake(m[1]), rule.reason, rule.args...))
		}
	}
	return grpcserver.StatusOf(ctx, errs.E(errs.KindInvalid, "INVALID_JSON"))
}

var bodyFieldPattern = regexp.MustCompile(`^` + bodyFieldPrefix + `"([^"]+)": (.*)$`)

// bodyFieldViolation names the body field namingMarshaler found by its
// whole path (an unknown field inside an object too), with the reason the
// decoder's own words give (unknown, an enum, a time) or INVALID_VALUE (a
// value of the wrong JSON type).
func bodyFieldViolation(path, cause string) *errs.Error {
	field := protoPath(path)
	for _, rule := range decodeRules {
		if rule.pattern.MatchString(cause) {
			return errs.Invalid(field, rule.reason, rule.args...)
		}
	}
	return errs.Invalid(field, "INVALID_VALUE")
}

// protoPath writes a body path's field names as proto names (protojson
// also accepts lowerCamel ones); map keys such as "zh-Hans" stay as sent.
func protoPath(path string) string {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		if !strings.Contains(p, "-") {
			parts[i] = snake(p)
		}
	}
	return strings.Join(parts, ".")
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
