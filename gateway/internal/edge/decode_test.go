package edge

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/platform/locale"
)

func TestDecodeFailuresNameTheFieldWithAReason(t *testing.T) {
	t.Parallel()
	cases := map[string][2]string{
		`proto: (line 1:20): invalid value for enum field postingPolicy: "BOGUS"`:  {"posting_policy", "INVALID_ENUM"},
		`proto: (line 1:2): unknown field "colour"`:                                {"colour", "UNKNOWN_FIELD"},
		`type mismatch, parameter: board_id, error: bad`:                           {"board_id", "INVALID_VALUE"},
		`missing parameter item_id`:                                                {"item_id", "INVALID_VALUE"},
		`parsing field "page_size": strconv.ParseInt: parsing "x": invalid syntax`: {"page_size", "INVALID_VALUE"},
		`proto: (line 1:14): invalid value for int64 field points: "ten"`:          {"points", "INVALID_VALUE"},
		`parsing field "start_time": parsing time "yesterday" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse`: {
			"start_time", "INVALID_TIME"},
	}
	for msg, want := range cases {
		st := withDecodeViolation(context.Background(), status.New(codes.InvalidArgument, msg))
		v := violations(t, st)
		require.Equal(t, want[0], v[0].GetField(), msg)
		require.Equal(t, want[1], v[0].GetReason(), msg)
		require.NotContains(t, v[0].GetDescription(), "line 1:", msg)
		require.NotContains(t, v[0].GetDescription(), "2006", "no Go layout strings")
	}
	en := locale.WithAcceptLanguage(context.Background(), "en")
	st := withDecodeViolation(en, status.New(codes.InvalidArgument, `parsing field "start_time": parsing time "x" as "2006-01-02T15:04:05.999999999Z07:00"`))
	require.Equal(t, "Write times in RFC 3339, for example "+TimeExample+".", violations(t, st)[0].GetDescription())
	plain := status.New(codes.NotFound, "unknown field x")
	require.Same(t, plain, withDecodeViolation(context.Background(), plain))
}

func violations(t *testing.T, st *status.Status) []*errdetails.BadRequest_FieldViolation {
	t.Helper()
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			return br.GetFieldViolations()
		}
	}
	t.Fatalf("no violations in %v", st)
	return nil
}
