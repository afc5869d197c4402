package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// Appeals (A5.0): only the author appeals; a different moderator than the
// one who removed decides; a reversal restores the post, is logged
// publicly and publishes seoul.board.post.restored.
func TestAppealReversalA5_0(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "제안", "지하철 막차 시간을 연장해 주세요")
	removal := f.remove(t, mod1, p.GetId(), "A5.2")

	_, err := f.api.FileAppeal(f.as(t, bob), &boardv1.FileAppealRequest{DecisionId: removal.GetId(), Reason: "남의 글"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.api.FileAppeal(f.as(t, alice), &boardv1.FileAppealRequest{DecisionId: removal.GetId()})
	servicetest.RequireInvalidField(t, err, "reason")
	ap, err := f.api.FileAppeal(f.as(t, alice), &boardv1.FileAppealRequest{DecisionId: removal.GetId(), Reason: "정치적 목적이 아닙니다"})
	require.NoError(t, err)
	again, err := f.api.FileAppeal(f.as(t, alice), &boardv1.FileAppealRequest{DecisionId: removal.GetId(), Reason: "다시"})
	require.NoError(t, err)
	require.Equal(t, ap.GetAppeal().GetId(), again.GetAppeal().GetId())

	list, err := f.api.ListAppeals(f.as(t, mod2), &boardv1.ListAppealsRequest{Status: boardv1.AppealStatus_APPEAL_STATUS_PENDING})
	require.NoError(t, err)
	require.Len(t, list.GetAppeals(), 1)

	decide := &boardv1.DecideAppealRequest{AppealId: ap.GetAppeal().GetId(), Reverse: true, Resolution: "교통 정책 제안으로 정치적 목적이 없음"}
	_, err = f.api.DecideAppeal(f.as(t, mod1), decide)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	out, err := f.api.DecideAppeal(f.as(t, mod2), decide)
	require.NoError(t, err)
	require.Equal(t, boardv1.AppealStatus_APPEAL_STATUS_REVERSED, out.GetAppeal().GetStatus())
	require.Equal(t, boardv1.Outcome_OUTCOME_RESTORE, out.GetRestoration().GetOutcome())
	_, err = f.api.DecideAppeal(f.as(t, mod2), decide)
	servicetest.RequireCode(t, err, codes.FailedPrecondition)

	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_VISIBLE, got.GetPost().GetStatus())
	require.Nil(t, got.GetPost().GetTombstone())
	require.Equal(t, "지하철 막차 시간을 연장해 주세요", got.GetPost().GetBody())

	log, err := f.api.ListModerationLog(public, &boardv1.ListModerationLogRequest{BoardId: b.GetId()})
	require.NoError(t, err)
	require.Len(t, log.GetEntries(), 2)
	require.Equal(t, boardv1.Outcome_OUTCOME_RESTORE, log.GetEntries()[0].GetOutcome())
	require.Equal(t, boardv1.Source_SOURCE_APPEAL, log.GetEntries()[0].GetSource())

	var ev boardv1.PostRestored
	waitEvent(t, f.env.JS, "seoul.board.post.restored", &ev, func() bool { return ev.GetPostId() == p.GetId() })
	require.Equal(t, out.GetRestoration().GetId(), ev.GetDecisionId())
	require.Equal(t, removal.GetId(), ev.GetOverturnedDecisionId(), "the removal overturned, for the department's evaluation (A4.3)")

	rep, err := f.api.GetTransparencyReport(public, &boardv1.GetTransparencyReportRequest{BoardId: b.GetId()})
	require.NoError(t, err)
	require.Equal(t, int64(1), rep.GetReport().GetAppealsFiled())
	require.Equal(t, int64(1), rep.GetReport().GetReversals())
}

// An upheld appeal leaves the tombstone; a removal cannot be decided again.
func TestAppealUpheld(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "욕", "씨@발 진짜")
	removal := f.remove(t, mod1, p.GetId(), "A5.6")
	_, err := f.api.DecideModeration(f.as(t, mod2), &boardv1.DecideModerationRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_KEEP})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
	ap, err := f.api.FileAppeal(f.as(t, alice), &boardv1.FileAppealRequest{DecisionId: removal.GetId(), Reason: "억울합니다"})
	require.NoError(t, err)
	out, err := f.api.DecideAppeal(f.as(t, mod2), &boardv1.DecideAppealRequest{AppealId: ap.GetAppeal().GetId(), Resolution: "욕설이 분명함"})
	require.NoError(t, err)
	require.Equal(t, boardv1.AppealStatus_APPEAL_STATUS_UPHELD, out.GetAppeal().GetStatus())
	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_REMOVED, got.GetPost().GetStatus())
}
