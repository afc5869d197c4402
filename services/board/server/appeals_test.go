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
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_VISIBLE, got.GetStatus())
	require.Nil(t, got.GetTombstone())
	require.Equal(t, "지하철 막차 시간을 연장해 주세요", got.GetBody())

	log, err := f.api.ListModerationDecisions(public, &boardv1.ListModerationDecisionsRequest{BoardId: b.GetId()})
	require.NoError(t, err)
	require.Len(t, log.GetDecisions(), 2)
	require.Equal(t, boardv1.Outcome_OUTCOME_RESTORE, log.GetDecisions()[0].GetOutcome())
	require.Equal(t, boardv1.Source_SOURCE_APPEAL, log.GetDecisions()[0].GetSource())

	var ev boardv1.PostRestored
	waitEvent(t, f.env.JS, "seoul.board.post.restored", &ev, func() bool { return ev.GetPostId() == p.GetId() })
	require.Equal(t, out.GetRestoration().GetId(), ev.GetDecisionId())
	require.Equal(t, removal.GetId(), ev.GetOverturnedDecisionId(), "the removal overturned, for the department's evaluation (A4.3)")
	// A8.1: what the mileage service needs to give back the points it
	// clawed back on the removal, exactly once (keyed by the removal).
	require.Equal(t, alice.Subject, ev.GetAuthorSubject())
	require.Equal(t, "post", ev.GetTargetType())
	require.Equal(t, p.GetId(), ev.GetTargetId())
	require.Equal(t, "A5.2", ev.GetOverturnedGround())
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.board.post.restored'`),
		"one restoration event per reversed removal")

	rep, err := f.api.GetTransparencyReport(public, &boardv1.GetTransparencyReportRequest{BoardId: b.GetId()})
	require.NoError(t, err)
	require.Equal(t, int64(1), rep.GetAppealsFiled())
	require.Equal(t, int64(1), rep.GetReversals())
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
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_REMOVED, got.GetStatus())
}

// A5.0: an author may appeal a hide as well as a removal. A different
// moderator reverses it: the post is visible at once, its case leaves the
// queue, the reversal is in the public log, and nothing is published as a
// restoration (a hide took no points). A hide no longer in force (a
// moderator kept the post since) cannot be appealed.
func TestAppealOfHideA5_0(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "제안", "버스 전용 차로 단속 시간을 늘려 주세요")
	hide, err := f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_HIDE, HideDays: 7, Ground: "A5.9", PublicExplanation: "검토 중"})
	require.NoError(t, err)

	_, err = f.api.FileAppeal(f.as(t, bob), &boardv1.FileAppealRequest{DecisionId: hide.GetDecision().GetId(), Reason: "남의 글"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	ap, err := f.api.FileAppeal(f.as(t, alice), &boardv1.FileAppealRequest{DecisionId: hide.GetDecision().GetId(), Reason: "교통 정책 제안입니다"})
	require.NoError(t, err)
	require.Equal(t, boardv1.AppealStatus_APPEAL_STATUS_PENDING, ap.GetAppeal().GetStatus())

	decide := &boardv1.DecideAppealRequest{AppealId: ap.GetAppeal().GetId(), Reverse: true, Resolution: "목적에 맞는 제안"}
	_, err = f.api.DecideAppeal(f.as(t, mod1), decide)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	out, err := f.api.DecideAppeal(f.as(t, mod2), decide)
	require.NoError(t, err)
	require.Equal(t, boardv1.AppealStatus_APPEAL_STATUS_REVERSED, out.GetAppeal().GetStatus())

	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_VISIBLE, got.GetStatus())
	require.Nil(t, queueEntry(t, f, p.GetId()), "the reversed hide's case left the queue")
	log, err := f.api.ListModerationDecisions(public, &boardv1.ListModerationDecisionsRequest{BoardId: b.GetId()})
	require.NoError(t, err)
	require.Len(t, log.GetDecisions(), 2)
	require.Equal(t, boardv1.Outcome_OUTCOME_RESTORE, log.GetDecisions()[0].GetOutcome())
	require.Equal(t, 0, f.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.board.post.restored'`))

	q := f.post(t, alice, b.GetId(), "둘째 제안", "자전거 도로에 안내판을 더 세워 주세요")
	hide2, err := f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: q.GetId(), Outcome: boardv1.Outcome_OUTCOME_HIDE, HideDays: 7, Ground: "A5.9", PublicExplanation: "검토 중"})
	require.NoError(t, err)
	_, err = f.api.DecideModeration(f.as(t, mod2), &boardv1.DecideModerationRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: q.GetId(), Outcome: boardv1.Outcome_OUTCOME_KEEP})
	require.NoError(t, err)
	_, err = f.api.FileAppeal(f.as(t, alice), &boardv1.FileAppealRequest{DecisionId: hide2.GetDecision().GetId(), Reason: "이미 복구됨"})
	servicetest.RequireReason(t, err, codes.FailedPrecondition, "HIDE_NOT_IN_FORCE")
}

// queueEntry is the queue entry of an item, nil when it is not queued.
func queueEntry(t *testing.T, f fixture, id string) *boardv1.QueueItem {
	t.Helper()
	q, err := f.api.ListModerationQueueItems(f.as(t, mod1), &boardv1.ListModerationQueueItemsRequest{PageSize: 100})
	require.NoError(t, err)
	for _, it := range q.GetQueueItems() {
		if it.GetTargetId() == id {
			return it
		}
	}
	return nil
}
