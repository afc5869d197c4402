package servicetest

import (
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// RequireCode fails the test unless err is a gRPC status with code.
func RequireCode(t testing.TB, err error, code codes.Code) *status.Status {
	t.Helper()
	st, ok := status.FromError(err)
	if !ok || st.Code() != code {
		t.Fatalf("want gRPC %s, got %v", code, err)
	}
	return st
}

// RequireInvalidField fails the test unless err is InvalidArgument naming
// field among its google.rpc.BadRequest violations, and returns the first
// violation of field.
func RequireInvalidField(t testing.TB, err error, field string) *errdetails.BadRequest_FieldViolation {
	t.Helper()
	st := RequireCode(t, err, codes.InvalidArgument)
	var names []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				if v.GetField() == field {
					return v
				}
				names = append(names, v.GetField())
			}
		}
	}
	t.Fatalf("InvalidArgument does not name field %q (named: %v): %v", field, names, err)
	return nil
}

// RequireReason fails the test unless err is a gRPC status with code
// whose google.rpc.ErrorInfo names reason, and returns the status.
func RequireReason(t testing.TB, err error, code codes.Code, reason string) *status.Status {
	t.Helper()
	st := RequireCode(t, err, code)
	if got := ErrorInfo(t, st).GetReason(); got != reason {
		t.Fatalf("want reason %s, got %s: %v", reason, got, err)
	}
	return st
}

// ErrorInfo returns the google.rpc.ErrorInfo of st (its reason and the
// message's arguments as metadata), failing the test when there is none.
func ErrorInfo(t testing.TB, st *status.Status) *errdetails.ErrorInfo {
	t.Helper()
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			return info
		}
	}
	t.Fatalf("no ErrorInfo in %v", st.Err())
	return nil
}
