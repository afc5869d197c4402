package server_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// published is an event as a producer's outbox would have published it.
type published struct {
	service, subject, id string
	msg                  proto.Message
}

func (p published) send(t *testing.T, s *suite) {
	t.Helper()
	servicetest.PublishEvent(t, s.env.JS, p.service, p.subject, p.id, p.msg)
}

// complaintStep is a petition service event about complaint id.
func complaintStep(step, id, department string, due, at time.Time, detail string) published {
	return published{service: "petition", subject: "seoul.petition.complaint." + step, id: uuid.NewString(),
		msg: &petitionv1.ComplaintEvent{ComplaintId: id, ReceiptNumber: "SMG-2026-000001", DepartmentCode: department,
			CitizenSubject: "citizen-1", ComplaintType: "proposal", DueTime: timestamppb.New(due),
			OccurTime: timestamppb.New(at), Detail: detail}}
}

func removed(decision, department string, at time.Time) published {
	return published{service: "board", subject: "seoul.board.post.removed", id: uuid.NewString(),
		msg: &boardv1.PostRemoved{PostId: uuid.NewString(), BoardId: "b-1", Ground: "A5.6", TargetType: "post",
			DecisionId: decision, DepartmentCode: department, OccurTime: timestamppb.New(at)}}
}

func restored(overturned string, at time.Time) published {
	return published{service: "board", subject: "seoul.board.post.restored", id: uuid.NewString(),
		msg: &boardv1.PostRestored{PostId: uuid.NewString(), BoardId: "b-1", TargetType: "post",
			DecisionId: uuid.NewString(), OverturnedDecisionId: overturned, OccurTime: timestamppb.New(at)}}
}

// waitFacts waits until the consumers kept n complaint and m moderation facts.
func (s *suite) waitFacts(t *testing.T, n, m int) {
	t.Helper()
	servicetest.Eventually(t, "facts kept", func() bool {
		return servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM complaint_facts`) == n &&
			servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM moderation_facts`) == m
	})
}

// A4.3, A6.2, A5: the scorecard counts each department's complaint handling
// (first answers and their days, late answers, complaints held past due,
// extensions) and its removals overturned on appeal, from the petition and
// board services' events; a redelivered event counts once, an event that
// can never be read is set aside, and a settled period keeps its scorecard
// when an event of the period arrives too late.
func TestScorecardCountsComplaintsAndModeration(t *testing.T) {
	t.Parallel()
	cfg, now := withClock()
	s := start(t, cfg)
	end := now.Now().Truncate(time.Hour)
	day := 24 * time.Hour
	c1, c2, c3, c4 := uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString()
	removal1, removal2 := uuid.NewString(), uuid.NewString()
	answered := complaintStep("answered", c1, "SMG-CULTURE", end.Add(4*day), end.Add(-7*day), "answered")
	events := []published{
		// c1: answered on time three days after receipt, after an extension.
		complaintStep("received", c1, "", end.Add(day), end.Add(-10*day), "web"),
		complaintStep("assigned", c1, "SMG-CULTURE", end.Add(day), end.Add(-9*day), "SMG-CULTURE"),
		complaintStep("extended", c1, "SMG-CULTURE", end.Add(4*day), end.Add(-8*day), "extension 1 by 3d"),
		answered,
		// c2: answered late, sixteen days after receipt.
		complaintStep("received", c2, "", end.Add(-6*day), end.Add(-20*day), "web"),
		complaintStep("assigned", c2, "SMG-CULTURE", end.Add(-6*day), end.Add(-19*day), "SMG-CULTURE"),
		complaintStep("answered", c2, "SMG-CULTURE", end.Add(-6*day), end.Add(-4*day), "answered"),
		// c3: held past its due time, unanswered at the end.
		complaintStep("received", c3, "SMG-DIGITAL", end.Add(-day), end.Add(-10*day), "web"),
		complaintStep("transferred", c3, "SMG-CULTURE", end.Add(-day), end.Add(-9*day), "department:SMG-CULTURE"),
		// c4: transferred out of the city: not the city's to answer.
		complaintStep("received", c4, "SMG-CULTURE", end.Add(-day), end.Add(-10*day), "web"),
		complaintStep("transferred", c4, "SMG-CULTURE", end.Add(-day), end.Add(-8*day), "agency:경기도"),
		// The digital department removed two posts; one was overturned.
		removed(removal1, "SMG-DIGITAL", end.Add(-5*day)),
		removed(removal2, "SMG-DIGITAL", end.Add(-4*day)),
		restored(removal1, end.Add(-2*day)),
		// Published before the board named departments: not attributable.
		removed(uuid.NewString(), "", end.Add(-3*day)),
	}
	now.Set(end.Add(-time.Hour))
	for _, e := range events {
		e.send(t, s)
	}
	// A step the evaluation cannot read is set aside (dead-lettered).
	complaintStep("answered", "", "SMG-CULTURE", end, end.Add(-day), "").send(t, s)
	s.waitFacts(t, 11, 3)
	// Delivered again past JetStream's de-duplication: the inbox keeps it to one.
	servicetest.PublishDuplicate(t, s.env.JS, answered.service, answered.subject, answered.id, answered.msg)
	complaintStep("received", uuid.NewString(), "", end.Add(day), end.Add(-time.Hour), "web").send(t, s)
	s.waitFacts(t, 12, 3)

	now.Set(end.Add(2 * time.Hour)) // settled
	req := &contentv1.GetScorecardRequest{StartTime: timestamppb.New(end.Add(-30 * day)), EndTime: timestamppb.New(end)}
	first, err := s.c.GetScorecard(s.admin, req)
	require.NoError(t, err)
	require.False(t, first.Provisional)
	culture := scoreOf(first, "SMG-CULTURE").Complaints
	require.EqualValues(t, 2, culture.Answered)
	require.EqualValues(t, 1, culture.AnsweredLate)
	require.InDelta(t, 9.5, culture.MeanDaysToAnswer, 0.01, "(3 + 16) / 2 days from receipt")
	require.EqualValues(t, 1, culture.OpenOverdue)
	require.InDelta(t, 2.0/3, culture.OverdueShare, 1e-4)
	require.EqualValues(t, 1, culture.Extensions)
	require.NotZero(t, scoreOf(first, "SMG-CULTURE").Rank, "ranked on its complaints without published items")
	digital := scoreOf(first, "SMG-DIGITAL").Moderation
	require.EqualValues(t, 2, digital.Removals)
	require.EqualValues(t, 1, digital.Overturned)
	require.Zero(t, scoreOf(first, "SMG-DIGITAL").Complaints.Answered, "c3 moved to culture before it was due")

	// An answer of the period arriving after it settled changes nothing
	// there, and counts for a period still running.
	complaintStep("answered", c3, "SMG-CULTURE", end.Add(-day), end.Add(-time.Hour), "answered").send(t, s)
	s.waitFacts(t, 13, 3)
	again, err := s.c.GetScorecard(s.admin, req)
	require.NoError(t, err)
	require.True(t, proto.Equal(first, again), "a settled period recomputes to the same scorecard")
	running, err := s.c.GetScorecard(s.admin, &contentv1.GetScorecardRequest{StartTime: req.StartTime,
		EndTime: timestamppb.New(end.Add(30 * day))})
	require.NoError(t, err)
	require.True(t, running.Provisional)
	require.EqualValues(t, 3, scoreOf(running, "SMG-CULTURE").Complaints.Answered)
	require.Zero(t, scoreOf(running, "SMG-CULTURE").Complaints.OpenOverdue)
}
