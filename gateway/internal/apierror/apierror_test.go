package apierror_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/platform/logging"
)

func TestFromStatusLiftsReasonAndFieldViolations(t *testing.T) {
	t.Parallel()
	st, err := status.New(codes.InvalidArgument, "입력값에 잘못된 항목이 있습니다.").WithDetails(
		&errdetails.ErrorInfo{Reason: "INVALID", Domain: "homepage.seoul.go.kr"},
		&errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: "title", Reason: "REQUIRED", Description: "필수 항목입니다."},
			{Field: "body", Reason: "TOO_LONG", Description: "100자 이하로 입력해 주세요."},
		}})
	require.NoError(t, err)

	b := apierror.FromStatus(st, "r-1")

	require.Equal(t, apierror.Body{Code: 3, Status: "INVALID_ARGUMENT", Reason: "INVALID", Message: "입력값에 잘못된 항목이 있습니다.",
		RequestID: "r-1", FieldViolations: []apierror.FieldViolation{{Field: "title", Reason: "REQUIRED", Description: "필수 항목입니다."},
			{Field: "body", Reason: "TOO_LONG", Description: "100자 이하로 입력해 주세요."}},
	}, b)
}

func TestStatusNamesAreCanonical(t *testing.T) {
	t.Parallel()
	require.Equal(t, "OK", apierror.StatusName(codes.OK))
	require.Equal(t, "FAILED_PRECONDITION", apierror.StatusName(codes.FailedPrecondition))
	require.Equal(t, "UNAUTHENTICATED", apierror.StatusName(codes.Unauthenticated))
	require.Equal(t, "UNKNOWN", apierror.StatusName(codes.Code(99)))
}

func TestWriteUsesGatewayStatusMapping(t *testing.T) {
	t.Parallel()
	cases := map[codes.Code]int{
		codes.InvalidArgument: 400, codes.FailedPrecondition: 400, codes.Unauthenticated: 401,
		codes.PermissionDenied: 403, codes.NotFound: 404, codes.AlreadyExists: 409, codes.Aborted: 409,
		codes.ResourceExhausted: 429, codes.Internal: 500, codes.Unavailable: 503, codes.DeadlineExceeded: 504,
	}
	for c, want := range cases {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req = req.WithContext(logging.WithRequestID(req.Context(), "rid"))
		rec := httptest.NewRecorder()

		apierror.Write(rec, req, status.New(c, "m"))

		require.Equal(t, want, rec.Code, c.String())
		var b apierror.Body
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &b))
		require.Equal(t, int(c), b.Code)
		require.Equal(t, "rid", b.RequestID)
		require.Equal(t, c == codes.Unauthenticated, rec.Header().Get("WWW-Authenticate") != "")
		require.Equal(t, c == codes.Unavailable, rec.Header().Get("Retry-After") == apierror.RetryAfterUnavailable, "Retry-After on 503 only")
	}
}

func TestChallengeNamesInvalidTokenOnlyWhenOneWasSent(t *testing.T) {
	t.Parallel()
	for _, sent := range []bool{false, true} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		if sent {
			req.Header.Set("Authorization", "Bearer x")
		}
		rec := httptest.NewRecorder()

		apierror.Write(rec, req, status.New(codes.Unauthenticated, "sign-in required"))

		require.Contains(t, rec.Header().Get("WWW-Authenticate"), `Bearer realm=`)
		require.Equal(t, sent, strings.Contains(rec.Header().Get("WWW-Authenticate"), "invalid_token"))
	}
}
