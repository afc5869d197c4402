package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A8.1: an official used to grant points to themselves (2,000,000 by
// repeated grants with new request ids) and redeem them. No grant to
// oneself is accepted, whatever its size or request id.
func TestA8_1_NoOfficialGrantsPointsToThemselves(t *testing.T) {
	t.Parallel()
	s := start(t)
	self := s.As(t, servicetest.Official("o-self", "SMG-CIVIL"))
	for _, req := range []string{"self-grant-0001", "self-grant-0002"} {
		_, err := s.api.GrantPoints(self, &mileagev1.GrantPointsRequest{SubjectId: "o-self", Points: 1000, Reason: "수고비", RequestId: req})
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	_, err := s.api.GrantPoints(s.As(t, servicetest.Admin("a-self")), &mileagev1.GrantPointsRequest{SubjectId: "a-self",
		Points: 10, Reason: "수고비", RequestId: "self-grant-0003"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	require.Zero(t, s.balance(t, "o-self"))
	require.Zero(t, s.count(t, `SELECT count(*) FROM awards WHERE subject_id IN ('o-self', 'a-self')`))
}

// A8.1: a grant above the configured amount waits for a second official
// (pending → approved) who is neither the requester nor the citizen; the
// approval credits the points once and is audited.
func TestA8_1_LargeGrantsNeedASecondOfficialsApproval(t *testing.T) {
	t.Parallel()
	s := start(t)
	o1, o2 := s.As(t, servicetest.Official("o-1", "SMG-CIVIL")), s.As(t, servicetest.Official("o-2", "SMG-CIVIL"))
	req := &mileagev1.GrantPointsRequest{SubjectId: "cit-big", Points: 50_000, Reason: "시민 제안 우수상", RequestId: "big-grant-0001"}
	r, err := s.api.GrantPoints(o1, req)
	require.NoError(t, err)
	require.Nil(t, r.GetAward(), "nothing credited yet")
	g := r.GetGrant()
	require.Equal(t, "pending", g.GetStatus())
	require.Equal(t, "o-1", g.GetRequestedBy())
	require.Zero(t, s.balance(t, "cit-big"))
	again, err := s.api.GrantPoints(o1, req)
	require.NoError(t, err)
	require.Equal(t, g.GetGrantId(), again.GetGrant().GetGrantId(), "a retry returns the same request")

	approve := &mileagev1.ApproveGrantRequest{GrantId: g.GetGrantId()}
	for name, ctx := range map[string]context.Context{
		"the requester":      o1,
		"the citizen":        s.citizen(t, "cit-big"),
		"another department": s.As(t, servicetest.Official("o-w", "SMG-WELFARE")),
	} {
		_, err := s.api.ApproveGrant(ctx, approve)
		require.Error(t, err, name)
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	require.Zero(t, s.balance(t, "cit-big"))

	ok, err := s.api.ApproveGrant(o2, approve)
	require.NoError(t, err)
	require.Equal(t, "approved", ok.GetGrant().GetStatus())
	require.Equal(t, "o-2", ok.GetGrant().GetApprovedBy())
	require.EqualValues(t, 50_000, ok.GetAward().GetPoints())
	require.EqualValues(t, 50_000, s.balance(t, "cit-big"))
	twice, err := s.api.ApproveGrant(o2, approve)
	require.NoError(t, err)
	require.Equal(t, ok.GetAward().GetAwardId(), twice.GetAward().GetAwardId())
	require.EqualValues(t, 50_000, s.balance(t, "cit-big"), "credited once")
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM manual_adjustments WHERE kind = 'grant' AND subject_id = 'cit-big' AND actor = 'o-1'`))
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM grant_requests WHERE id = $1 AND approved_by = 'o-2' AND status = 'approved'`, g.GetGrantId()))

	// The second official cannot approve a grant to themselves either.
	r, err = s.api.GrantPoints(o1, &mileagev1.GrantPointsRequest{SubjectId: "o-2", Points: 25_000, Reason: "격려금", RequestId: "big-grant-0002"})
	require.NoError(t, err)
	_, err = s.api.ApproveGrant(o2, &mileagev1.ApproveGrantRequest{GrantId: r.GetGrant().GetGrantId()})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.api.ApproveGrant(o2, &mileagev1.ApproveGrantRequest{GrantId: "not-a-grant"})
	servicetest.RequireInvalidField(t, err, "grant_id")
}

// A8.1, A10.1: only the citizen, the department that runs the mileage
// programme and admins see a citizen's account, history and redemptions
// (any official used to), and only they grant.
func TestA8_1_OnlyTheMileageDepartmentSeesAccounts(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-seen", 300, "seen-grant-0001")
	welfare := s.As(t, servicetest.Official("o-w", "SMG-WELFARE"))
	_, err := s.api.GetAccount(welfare, &mileagev1.GetAccountRequest{SubjectId: "cit-seen"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.api.ListHistoryLines(welfare, &mileagev1.ListHistoryLinesRequest{SubjectId: "cit-seen"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.api.ListRedemptions(welfare, &mileagev1.ListRedemptionsRequest{SubjectId: "cit-seen"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.api.GrantPoints(welfare, &mileagev1.GrantPointsRequest{SubjectId: "cit-seen", Points: 10, Reason: "x", RequestId: "seen-grant-0002"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	own, err := s.api.GetAccount(welfare, &mileagev1.GetAccountRequest{SubjectId: "me"})
	require.NoError(t, err, "an official has an account of their own")
	require.Zero(t, own.GetBalance())
	for _, ctx := range []context.Context{s.official(t), s.admin(t), s.citizen(t, "cit-seen")} {
		a, err := s.api.GetAccount(ctx, &mileagev1.GetAccountRequest{SubjectId: "cit-seen"})
		require.NoError(t, err)
		require.EqualValues(t, 300, a.GetBalance())
	}
}

// A8.1: request ids are scoped to the official who sends them: two
// officials using the same one make two grants (the second used to get the
// first's award back).
func TestA8_1_GrantRequestIDsAreScopedToTheOfficial(t *testing.T) {
	t.Parallel()
	s := start(t)
	for i, who := range []string{"o-a", "o-b"} {
		r, err := s.api.GrantPoints(s.As(t, servicetest.Official(who, "SMG-CIVIL")), &mileagev1.GrantPointsRequest{
			SubjectId: "cit-shared", Points: int64(100 * (i + 1)), Reason: "공유 요청", RequestId: "shared-req-0001"})
		require.NoError(t, err)
		require.EqualValues(t, 100*(i+1), r.GetAward().GetPoints())
	}
	require.EqualValues(t, 300, s.balance(t, "cit-shared"))
}
