package server_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// postCreated is the board's event for a new post, written now.
func (s *suite) postCreated(postID, author string) *boardv1.PostCreated {
	return &boardv1.PostCreated{PostId: postID, BoardId: "b1", AuthorSubject: author, OccurTime: timestamppb.New(s.clock.Now())}
}

func (s *suite) post(t testing.TB, eventID, postID, author string) *boardv1.PostCreated {
	m := s.postCreated(postID, author)
	servicetest.PublishEvent(t, s.JS, "board", "seoul.board.post.created", eventID, m)
	return m
}

func (s *suite) remove(t testing.TB, eventID, targetType, targetID, author string) {
	servicetest.PublishEvent(t, s.JS, "board", "seoul.board.post.removed", eventID,
		&boardv1.PostRemoved{PostId: targetID, BoardId: "b1", AuthorSubject: author, Ground: "A5.6",
			TargetType: targetType, OccurTime: timestamppb.New(s.clock.Now())})
}

// A8.1: each consumed event earns the points of the table in force, once.
func TestA8_1_EventsEarnPointsOfTheTable(t *testing.T) {
	t.Parallel()
	s := start(t)
	now := timestamppb.New(s.clock.Now())
	servicetest.PublishEvent(t, s.JS, "board", "seoul.board.post.created", "e-post-1",
		&boardv1.PostCreated{PostId: "p1", BoardId: "b1", AuthorSubject: "cit-1", OccurTime: now})
	servicetest.PublishEvent(t, s.JS, "board", "seoul.board.comment.created", "e-com-1",
		&boardv1.CommentCreated{CommentId: "c1", PostId: "p0", BoardId: "b1", AuthorSubject: "cit-1", OccurTime: now})
	servicetest.PublishEvent(t, s.JS, "content", "seoul.content.feedback.given", "e-fb-1",
		&contentv1.FeedbackGiven{FeedbackId: "f1", ItemId: "i1", SubjectId: "cit-1", Helpful: true, OccurTime: now})
	servicetest.PublishEvent(t, s.JS, "event", "seoul.event.entry.created", "e-entry-1",
		&eventv1.EntryCreated{EventId: "ev1", EntryId: "en1", SubjectId: "cit-1", OccurTime: now})
	servicetest.PublishEvent(t, s.JS, "event", "seoul.event.prize.awarded", "e-prize-1",
		&eventv1.PrizeAwarded{EventId: "ev1", PrizeId: "pr1", SubjectId: "cit-1", PrizeKind: "mileage", Points: 500, OccurTime: now})
	servicetest.PublishEvent(t, s.JS, "petition", "seoul.petition.complaint.answered", "e-cmp-1",
		&petitionv1.ComplaintEvent{ComplaintId: "cmp1", CitizenSubject: "cit-1", OccurTime: now})
	// Anonymous feedback earns nothing and is not an error.
	servicetest.PublishEvent(t, s.JS, "content", "seoul.content.feedback.given", "e-fb-anon",
		&contentv1.FeedbackGiven{FeedbackId: "f2", ItemId: "i1", OccurTime: now})

	s.waitBalance(t, "cit-1", 100+20+10+30+500+50)
	acct := s.account(t, "cit-1")
	require.Len(t, acct.GetLots(), 6)
	for _, l := range acct.GetLots() {
		earned := l.GetEarnTime().AsTime()
		require.Equal(t, now.AsTime().Truncate(time.Microsecond), earned, "earned when the event occurred")
		require.Equal(t, earned.Add(1825*day), l.GetExpireTime().AsTime(), "A8.2: the default five-year validity")
	}
	require.Equal(t, 6, s.count(t, `SELECT count(*) FROM awards WHERE rule_version = 1 AND status = 'credited'`),
		"every award records the rule version it used")
}

// A8.1: an event delivered again under its id (a redelivery, or a relay
// re-publishing it) and a second event about the same source award once.
func TestA8_1_RedeliveredEventsAwardOnce(t *testing.T) {
	t.Parallel()
	s := start(t)
	m := s.post(t, "e-dup", "p-dup", "cit-2")
	for range 2 { // past JetStream's de-duplication: the consumer sees them
		servicetest.PublishDuplicate(t, s.JS, "board", "seoul.board.post.created", "e-dup", m)
	}
	s.post(t, "e-dup-other-id", "p-dup", "cit-2") // same post, new event id
	s.post(t, "e-marker", "p-marker", "cit-2")
	// The consumer takes the stream in order: once the marker is awarded,
	// every copy before it has been handled.
	servicetest.Eventually(t, "marker awarded", func() bool {
		return s.count(t, `SELECT count(*) FROM awards WHERE subject_id = 'cit-2' AND source_ref = 'p-marker'`) == 1
	})
	s.waitConsumed(t, "board", "awards-board")
	require.EqualValues(t, 200, s.balance(t, "cit-2"))
	require.Equal(t, 2, s.count(t, `SELECT count(*) FROM awards WHERE subject_id = 'cit-2'`))
	require.Equal(t, 2, s.count(t, `SELECT count(*) FROM lots WHERE subject_id = 'cit-2'`))
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'awards-board' AND event_id = 'e-dup'`))
}

// A8.1: caps per day stop awards beyond the frequency of the table.
func TestA8_1_DailyCapLimitsAwards(t *testing.T) {
	t.Parallel()
	s := start(t)
	for i := range 5 {
		s.post(t, fmt.Sprintf("e-cap-%d", i), fmt.Sprintf("p-cap-%d", i), "cit-3")
	}
	servicetest.Eventually(t, "5 decisions", func() bool {
		return s.count(t, `SELECT count(*) FROM awards WHERE subject_id = 'cit-3'`) == 5
	})
	require.EqualValues(t, 300, s.balance(t, "cit-3"), "post_created is capped at 3 per day")
	require.Equal(t, 2, s.count(t, `SELECT count(*) FROM awards WHERE subject_id = 'cit-3' AND status = 'capped'`))
}

// A8.1, A5 (issue 17): a backlog found at start is applied in batches, and
// each batch decides as if its events had been committed one by one: the
// daily cap counts the batch's own credits, the same post under another
// event id earns nothing, and a removal between two posts of a citizen
// claws back the first and leaves the second.
func TestA8_1_BacklogAppliedInBatchesKeepsTheRules(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.post(t, "e-bl-warm", "p-bl-warm", "cit-bl-warm") // the durable consumer exists
	s.waitBalance(t, "cit-bl-warm", 100)
	s.Stop()
	for i := range 5 {
		s.post(t, fmt.Sprintf("e-bl-%d", i), fmt.Sprintf("p-bl-%d", i), "cit-bl")
	}
	s.post(t, "e-bl-0-again", "p-bl-0", "cit-bl")
	s.post(t, "e-rm-1", "p-rm-1", "cit-rm")
	s.remove(t, "e-rm-removed", "post", "p-rm-1", "cit-rm")
	s.post(t, "e-rm-2", "p-rm-2", "cit-rm")
	serveOnSameDatabase(t, s)
	s.waitConsumed(t, "board", "awards-board")

	require.EqualValues(t, 300, s.balance(t, "cit-bl"), "post_created is capped at 3 per day")
	require.Equal(t, 2, s.count(t, `SELECT count(*) FROM awards WHERE subject_id = 'cit-bl' AND status = 'capped'`))
	require.Equal(t, 5, s.count(t, `SELECT count(*) FROM awards WHERE subject_id = 'cit-bl'`), "p-bl-0 decided once")
	require.EqualValues(t, 100, s.balance(t, "cit-rm"), "the removed post's points clawed back, the next post's kept")
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM awards WHERE subject_id = 'cit-rm' AND clawed_back_at IS NOT NULL`))
	require.Less(t, s.count(t, `SELECT count(DISTINCT xmin::text) FROM awards WHERE subject_id IN ('cit-bl', 'cit-rm')`), 7,
		"applied in batches: several awards per transaction")
}

// A8.1: a consumer stopped mid-batch and restarted on the same database,
// events re-published under their ids, events delivered again after they
// were applied, and even a replay from the stream's start after the inbox
// was lost, award exactly once.
//
// What is simulated: the service is stopped through its shutdown (a test
// cannot kill its own process), which cancels the batch it is applying;
// the re-publications are real copies in the stream (PublishDuplicate), so
// the consumer's inbox, not JetStream, must drop them. An event applied
// whose ack never reached the broker (a crash between commit and ack) is
// simulated by deleting the durable consumer but keeping the inbox: the
// restarted service then receives every applied event again under its id,
// as the broker would redeliver an unacknowledged one.
func TestA8_1_ConsumerKilledMidBatchAwardsExactlyOnce(t *testing.T) {
	t.Parallel()
	s := start(t)
	const n = 300
	msgs := make([]*boardv1.PostCreated, n)
	post := func(i int) {
		msgs[i] = s.post(t, fmt.Sprintf("e-kill-%d", i), fmt.Sprintf("p-kill-%d", i), fmt.Sprintf("cit-k%d", i))
	}
	exactlyOnce := func(awards int) {
		t.Helper()
		require.Equal(t, awards, s.count(t, `SELECT count(*) FROM awards`))
		require.Equal(t, awards*100, s.count(t, `SELECT coalesce(sum(remaining), 0)::int FROM lots`))
		require.Equal(t, awards, s.count(t, `SELECT count(*) FROM ledger_transactions WHERE kind = 'award'`))
		require.Equal(t, awards, s.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.mileage.points.awarded'`))
	}
	for i := range n / 2 {
		post(i)
	}
	servicetest.Eventually(t, "some awards", func() bool {
		return s.count(t, `SELECT count(*) FROM awards`) >= 10
	})
	s.Stop() // stopped while the first half is being applied (or just after)
	// The second half arrives while the consumer is down, so the restart
	// always has outstanding deliveries to pick up.
	for i := n / 2; i < n; i++ {
		post(i)
	}
	require.Less(t, s.count(t, `SELECT count(*) FROM awards`), n)

	stop := serveOnSameDatabase(t, s)
	servicetest.Eventually(t, "all awards after restart", func() bool {
		return s.count(t, `SELECT count(*) FROM awards`) == n
	})
	// A relay restart re-publishes some events under their ids.
	for i := range 20 {
		servicetest.PublishDuplicate(t, s.JS, "board", "seoul.board.post.created", fmt.Sprintf("e-kill-%d", i), msgs[i])
	}
	s.waitConsumed(t, "board", "awards-board")
	exactlyOnce(n)
	stop()

	// Applied but not acknowledged: the broker's record of what was acked
	// is lost, the inbox is not, and every event is delivered again.
	ctx := context.Background()
	require.NoError(t, s.JS.DeleteConsumer(ctx, "BOARD", "mileage-awards-board"))
	stop = serveOnSameDatabase(t, s)
	s.waitConsumed(t, "board", "awards-board")
	exactlyOnce(n)
	require.Equal(t, n, s.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'awards-board'`))
	stop()

	// Replay past the inbox: the inbox is lost and the durable consumer is
	// recreated, so every event is delivered again with its own id. The
	// derived award id stops each one.
	_, err := s.Pool.Exec(ctx, `DELETE FROM inbox`)
	require.NoError(t, err)
	require.NoError(t, s.JS.DeleteConsumer(ctx, "BOARD", "mileage-awards-board"))
	serveOnSameDatabase(t, s)
	servicetest.Eventually(t, "every event replayed", func() bool {
		return s.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'awards-board'`) == n
	})
	// The same source under a new event id is stopped by the source key.
	s.post(t, "e-kill-0-new-id", "p-kill-0", "cit-k0")
	s.post(t, "e-kill-marker", "p-kill-marker", "cit-k-marker")
	s.waitBalance(t, "cit-k-marker", 100)
	s.waitConsumed(t, "board", "awards-board")
	exactlyOnce(n + 1)
}

// A8.1: officials grant by hand with a reason, audited; a retried grant
// returns the first one.
func TestA8_1_OfficialGrantIsAuditedAndIdempotent(t *testing.T) {
	t.Parallel()
	s := start(t)
	a1 := s.grant(t, "cit-4", 700, "grant-req-0001")
	a2 := s.grant(t, "cit-4", 700, "grant-req-0001")
	require.Equal(t, a1.GetAwardId(), a2.GetAwardId())
	require.EqualValues(t, 700, s.balance(t, "cit-4"))
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM manual_adjustments WHERE kind = 'grant' AND actor = 'o-1' AND reason = 'test grant'`))

	_, err := s.api.GrantPoints(s.citizen(t, "cit-4"), &mileagev1.GrantPointsRequest{SubjectId: "cit-4", Points: 1, Reason: "x", RequestId: "grant-req-0002"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
}
