package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

func (s *suite) restore(t testing.TB, eventID, targetType, targetID, author string) *boardv1.PostRestored {
	m := &boardv1.PostRestored{PostId: targetID, TargetId: targetID, BoardId: "b1", AuthorSubject: author,
		TargetType: targetType, OccurTime: timestamppb.New(s.clock.Now())}
	servicetest.PublishEvent(t, s.JS, "board", "seoul.board.post.restored", eventID, m)
	return m
}

// A8.1: points clawed back when a post is removed come back exactly once
// when an appeal restores it — a redelivered restoration (PublishDuplicate)
// gives nothing twice; removed and restored again, they go and come back
// again; a comment's too.
func TestA8_1_RestoredPostGivesClawedBackPointsBackOnce(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.post(t, "e-rp1", "rp1", "cit-r1")
	s.waitBalance(t, "cit-r1", 100)
	s.remove(t, "e-rm-rp1", "post", "rp1", "cit-r1")
	s.waitBalance(t, "cit-r1", 0)

	m := s.restore(t, "e-rs-rp1", "post", "rp1", "cit-r1")
	s.waitBalance(t, "cit-r1", 100)
	servicetest.PublishDuplicate(t, s.JS, "board", "seoul.board.post.restored", "e-rs-rp1", m)
	s.restore(t, "e-rs-rp1-other-decision", "post", "rp1", "cit-r1") // a second restoration of the same removal
	s.waitConsumed(t, "board", "awards-board")
	require.EqualValues(t, 100, s.balance(t, "cit-r1"), "given back once")
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM awards WHERE action = 'restoration' AND subject_id = 'cit-r1'`))
	require.Contains(t, historyKinds(t, s, "cit-r1"), "earned")

	// Removed again (the restoration is clawed back) and restored again.
	s.remove(t, "e-rm2-rp1", "post", "rp1", "cit-r1")
	s.waitBalance(t, "cit-r1", 0)
	s.restore(t, "e-rs2-rp1", "post", "rp1", "cit-r1")
	s.waitBalance(t, "cit-r1", 100)

	// A comment, restored.
	servicetest.PublishEvent(t, s.JS, "board", "seoul.board.comment.created", "e-rc1",
		&boardv1.CommentCreated{CommentId: "rc1", PostId: "rp1", BoardId: "b1", AuthorSubject: "cit-r1",
			OccurTime: timestamppb.New(s.clock.Now())})
	s.waitBalance(t, "cit-r1", 120)
	s.remove(t, "e-rm-rc1", "comment", "rc1", "cit-r1")
	s.waitBalance(t, "cit-r1", 100)
	s.restore(t, "e-rs-rc1", "comment", "rc1", "cit-r1")
	s.waitBalance(t, "cit-r1", 120)
	s.waitConsumed(t, "board", "awards-board")
	require.Zero(t, s.account(t, "cit-r1").GetDebt())
}

// A8.1: points spent before the removal became debt; the restoration pays
// that debt first, so the citizen ends whole and owes nothing.
func TestA8_1_RestorationPaysTheDebtItsClawbackLeft(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.post(t, "e-rd1", "rd1", "cit-r2")
	s.waitBalance(t, "cit-r2", 100)
	s.grant(t, "cit-r2", 900, "grant-rd-0001")
	r, err := s.api.Redeem(s.citizen(t, "cit-r2"), transit("redeem-rd-0001", 1000))
	require.NoError(t, err)
	require.Equal(t, "confirmed", r.GetRedemption().GetStatus())
	s.remove(t, "e-rm-rd1", "post", "rd1", "cit-r2")
	servicetest.Eventually(t, "debt recorded", func() bool { return s.account(t, "cit-r2").GetDebt() == 100 })

	s.restore(t, "e-rs-rd1", "post", "rd1", "cit-r2")
	servicetest.Eventually(t, "debt paid", func() bool { return s.account(t, "cit-r2").GetDebt() == 0 })
	s.waitConsumed(t, "board", "awards-board")
	require.Zero(t, s.balance(t, "cit-r2"))
}

// A8.1: an appeal undoes a removal's clawback only: an award an official
// reversed, or one whose post its author withdrew, stays reversed.
func TestA8_1_RestorationLeavesCorrectionsAndWithdrawals(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.post(t, "e-rw1", "rw1", "cit-r3")
	s.post(t, "e-rw2", "rw2", "cit-r3")
	s.waitBalance(t, "cit-r3", 200)
	awardID := s.awardOf(t, "rw1")
	_, err := s.api.ReverseAward(s.official(t), &mileagev1.ReverseAwardRequest{AwardId: awardID, Reason: "duplicate post"})
	require.NoError(t, err)
	servicetest.PublishEvent(t, s.JS, "board", "seoul.board.post.withdrawn", "e-wd-rw2",
		&boardv1.PostWithdrawn{PostId: "rw2", BoardId: "b1", AuthorSubject: "cit-r3", TargetType: "post",
			OccurTime: timestamppb.New(s.clock.Now())})
	s.waitBalance(t, "cit-r3", 0)

	s.restore(t, "e-rs-rw1", "post", "rw1", "cit-r3")
	s.restore(t, "e-rs-rw2", "post", "rw2", "cit-r3")
	s.waitConsumed(t, "board", "awards-board")
	require.Zero(t, s.balance(t, "cit-r3"))
	require.Zero(t, s.count(t, `SELECT count(*) FROM awards WHERE action = 'restoration'`))
}

func (s *suite) awardOf(t testing.TB, sourceRef string) string {
	t.Helper()
	var id string
	require.NoError(t, s.Pool.QueryRow(t.Context(), `SELECT id FROM awards WHERE source_ref = $1`, sourceRef).Scan(&id))
	return id
}
