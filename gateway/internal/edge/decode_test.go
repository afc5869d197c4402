package edge

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestDecodeFailuresNameTheField(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		`proto: (line 1:20): invalid value for enum field postingPolicy: "BOGUS"`:  "posting_policy",
		`proto: (line 1:2): unknown field "colour"`:                                "colour",
		`type mismatch, parameter: board_id, error: bad`:                           "board_id",
		`missing parameter item_id`:                                                "item_id",
		`parsing field "page_size": strconv.ParseInt: parsing "x": invalid syntax`: "page_size",
		`proto: (line 1:14): invalid value for int64 field points: "ten"`:          "points",
	}
	for msg, field := range cases {
		st := withDecodeViolation(status.New(codes.InvalidArgument, msg))
		require.Len(t, st.Details(), 1, msg)
		v := st.Details()[0].(*errdetails.BadRequest).GetFieldViolations()
		require.Equal(t, field, v[0].GetField(), msg)
		require.NotContains(t, v[0].GetDescription(), "line 1:", msg)
	}
	plain := status.New(codes.NotFound, "unknown field x")
	require.Same(t, plain, withDecodeViolation(plain))
}
