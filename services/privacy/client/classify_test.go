package client_test

import (
	"context"
	"net"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// answering is a privacy service that answers every store with one status
// (or, when it is OK, with a reply that lacks a token).
type answering struct {
	privacyv1.UnimplementedPrivacyServiceServer
	st *status.Status
}

func (a *answering) StorePersonalData(context.Context, *privacyv1.StorePersonalDataRequest) (*privacyv1.StorePersonalDataResponse, error) {
	if a.st.Code() == codes.OK {
		return &privacyv1.StorePersonalDataResponse{Tokens: []*privacyv1.StoredToken{{Field: "name", Token: "pd_1"}}}, nil
	}
	return nil, a.st.Err()
}

func serve(t *testing.T, srv privacyv1.PrivacyServiceServer) *client.Client {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := grpc.NewServer()
	privacyv1.RegisterPrivacyServiceServer(s, srv)
	go func() { _ = s.Serve(lis) }()
	t.Cleanup(s.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return client.New(conn)
}

// The one error table: each code of the privacy service means one kind to
// every caller, with retries invited only where they can help.
func TestEveryCodeHasOneMeaning(t *testing.T) {
	t.Parallel()
	srv := &answering{}
	c := serve(t, srv)
	cases := []struct {
		code   codes.Code
		kind   errs.Kind
		reason string
	}{
		{codes.NotFound, errs.KindNotFound, "NO_PERSONAL_DATA"},
		{codes.PermissionDenied, errs.KindPermissionDenied, "PERSONAL_DATA_ACCESS_DENIED"},
		{codes.Unauthenticated, errs.KindUnauthenticated, "SIGN_IN_REQUIRED"},
		{codes.FailedPrecondition, errs.KindFailedPrecondition, "LEGAL_HOLD_IN_FORCE"},
		{codes.Unavailable, errs.KindUnavailable, "PRIVACY_UNAVAILABLE"},
		{codes.DeadlineExceeded, errs.KindUnavailable, "PRIVACY_UNAVAILABLE"},
		{codes.ResourceExhausted, errs.KindUnavailable, "PRIVACY_UNAVAILABLE"},
		{codes.Internal, errs.KindInternal, "INTERNAL"},
		{codes.Unimplemented, errs.KindInternal, "INTERNAL"},
		{codes.Aborted, errs.KindInternal, "INTERNAL"},
		{codes.OK, errs.KindInternal, "INTERNAL"}, // a reply without the phone's token
	}
	for _, tc := range cases {
		st := status.New(tc.code, "privacy says no")
		if tc.code != codes.OK {
			var err error
			st, err = st.WithDetails(&errdetails.ErrorInfo{Reason: tc.reason, Domain: "seoul"})
			require.NoError(t, err)
		}
		srv.st = st
		_, err := c.Store(context.Background(), client.StoreRequest{Subject: "s", Purpose: "p",
			Fields: []client.Field{{Name: "name", Value: "홍길동"}, {Name: "phone", Value: "010-1234-5678"}}})
		require.Equal(t, tc.kind, errs.KindOf(err), "code %s", tc.code)
		require.Equal(t, tc.reason, errs.ReasonOf(err), "code %s", tc.code)
	}
}

// Bad input is renamed item by item to the caller's fields; fields the
// caller did not name keep the vault's names.
func TestViolationsAreRenamedToTheCallersFields(t *testing.T) {
	t.Parallel()
	st, err := status.New(codes.InvalidArgument, "bad").WithDetails(&errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
		{Field: "fields[1].value", Reason: "PHONE_KR", Description: "전화번호 형식이 아닙니다"},
		{Field: "fields[0].name", Reason: "DUPLICATE", Description: "중복"},
		{Field: "purpose", Reason: "PURPOSE_NAME", Description: "목적"},
		{Field: "fields[7].value", Reason: "REQUIRED", Description: "없음"},
	}})
	require.NoError(t, err)
	c := serve(t, &answering{st: st})
	_, err = c.Store(context.Background(), client.StoreRequest{Subject: "s", Purpose: "p",
		Fields: []client.Field{{Name: "email", Value: "x"}, {Name: "phone", Value: "12"}},
		Paths:  client.Paths{"phone": "contact.phone"}})
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, errs.KindInvalid, e.Kind)
	require.Equal(t, []errs.FieldViolation{
		{Field: "contact.phone", Reason: "PHONE_KR", Description: "전화번호 형식이 아닙니다"},
		{Field: "email", Reason: "DUPLICATE", Description: "중복"},
		{Field: "purpose", Reason: "PURPOSE_NAME", Description: "목적"},
		{Field: "fields[7].value", Reason: "REQUIRED", Description: "없음"},
	}, e.Violations)
}
