package server_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/server"
)

// A3.3: citizens rate a published item once, optionally with a comment;
// totals per item and per department; FeedbackGiven carries the subject id
// (for mileage) but not the comment.
func TestFeedbackAggregatedAndAnnounced(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	item := s.publish(t, s.digital, draft("민원 서식 안내"))
	other := s.publish(t, s.digital, draft("민원 처리 기간"))

	resp, err := s.c.SubmitFeedback(s.citizen, &contentv1.SubmitFeedbackRequest{ItemId: item.Id, Helpful: true, Comment: "잘 정리되어 있어요"})
	require.NoError(t, err)
	require.EqualValues(t, 1, resp.ItemFeedback.Helpful)
	_, err = s.c.SubmitFeedback(s.citizen, &contentv1.SubmitFeedbackRequest{ItemId: item.Id, Helpful: false})
	servicetest.RequireCode(t, err, codes.AlreadyExists)
	for _, sub := range []string{"c2", "c3"} {
		_, err = s.c.SubmitFeedback(s.as(t, servicetest.Citizen(sub)), &contentv1.SubmitFeedbackRequest{ItemId: other.Id, Helpful: sub == "c2"})
		require.NoError(t, err)
	}

	got, err := s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id})
	require.NoError(t, err)
	require.EqualValues(t, 1, got.Feedback.Helpful)

	list, err := s.c.ListFeedback(s.digital, &contentv1.ListFeedbackRequest{DepartmentCode: "SMG-DIGITAL"})
	require.NoError(t, err)
	require.Len(t, list.Feedback, 3)
	require.Equal(t, &contentv1.FeedbackSummary{Helpful: 2, NotHelpful: 1}, stripSummary(list.Summary))
	one, err := s.c.ListFeedback(s.digital, &contentv1.ListFeedbackRequest{DepartmentCode: "SMG-DIGITAL", ItemId: item.Id})
	require.NoError(t, err)
	require.Equal(t, "잘 정리되어 있어요", one.Feedback[0].Comment)
	_, err = s.c.ListFeedback(s.citizen, &contentv1.ListFeedbackRequest{DepartmentCode: "SMG-DIGITAL"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	evs := servicetest.Events[contentv1.FeedbackGiven](t, s.env.JS, "CONTENT", "seoul.content.feedback.given", 3)
	subjects := []string{}
	for _, e := range evs {
		subjects = append(subjects, e.SubjectId)
		require.Equal(t, "SMG-DIGITAL", e.DepartmentCode)
	}
	require.ElementsMatch(t, []string{"citizen-1", "c2", "c3"}, subjects)
}

func stripSummary(s *contentv1.FeedbackSummary) *contentv1.FeedbackSummary {
	return &contentv1.FeedbackSummary{Helpful: s.Helpful, NotHelpful: s.NotHelpful}
}

// A3.3: feedback needs a signed-in user and a published item; oversized
// comments are refused and nothing is stored.
func TestFeedbackBadInput(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	item := s.publish(t, s.digital, draft("안내"))
	_, err := s.c.SubmitFeedback(s.public, &contentv1.SubmitFeedbackRequest{ItemId: item.Id, Helpful: true})
	servicetest.RequireCode(t, err, codes.Unauthenticated)
	_, err = s.c.SubmitFeedback(s.citizen, &contentv1.SubmitFeedbackRequest{ItemId: item.Id, Comment: strings.Repeat("가", 2001)})
	servicetest.RequireInvalidField(t, err, "comment")
	_, err = s.c.SubmitFeedback(s.citizen, &contentv1.SubmitFeedbackRequest{ItemId: "not-a-uuid"})
	servicetest.RequireInvalidField(t, err, "item_id")
	created, err := s.c.CreateItem(s.digital, draft("초안"))
	require.NoError(t, err)
	_, err = s.c.SubmitFeedback(s.citizen, &contentv1.SubmitFeedbackRequest{ItemId: created.Id, Helpful: true})
	servicetest.RequireCode(t, err, codes.NotFound)
	require.Zero(t, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM feedback`))
}
