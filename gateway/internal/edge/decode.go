package edge

import (
	"regexp"
	"strings"
	"unicode"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Requests the mux cannot decode (an unknown enum name, a wrong JSON type,
// an unknown field, a bad path or query parameter) fail on the edge before
// any service sees them, with grpc-gateway's and protojson's plain-text
// messages. These patterns recover the field so the client still gets a
// field violation naming it, like every other bad input.
var decodePatterns = []*regexp.Regexp{
	regexp.MustCompile(`unknown field "?([\w.]+)"?`),
	regexp.MustCompile(`duplicate field "?([\w.]+)"?`),
	regexp.MustCompile(`invalid value for \w+ field (\w+)`),
	regexp.MustCompile(`parameter:? "?(\w+)"?`),
	regexp.MustCompile(`(?:parsing (?:field|list|map key|map value)|too many values for field) "(\w+)"`),
}

var protoPosition = regexp.MustCompile(`^proto:\s*(\(line \d+:\d+\):\s*)?`)

// withDecodeViolation adds a BadRequest violation to an edge-side decoding
// failure; statuses that already carry details pass unchanged.
func withDecodeViolation(st *status.Status) *status.Status {
	if st.Code() != codes.InvalidArgument || len(st.Details()) > 0 {
		return st
	}
	msg := st.Message()
	for _, re := range decodePatterns {
		m := re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		desc := protoPosition.ReplaceAllString(msg, "")
		br := &errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: snake(m[1]), Description: desc}}}
		if out, err := status.New(codes.InvalidArgument, "invalid argument: "+desc).WithDetails(br); err == nil {
			return out
		}
	}
	return st
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
