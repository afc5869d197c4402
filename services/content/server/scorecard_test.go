package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A4.3: the scorecard ranks departments from their items' history, and
// recomputing a period gives the same result however items changed after
// it ended: it is built from immutable history, not current state.
func TestScorecardReproducibleForPastPeriod(t *testing.T) {
	t.Parallel()
	cfg, now := withClock()
	s := start(t, cfg)
	start := now.Now()
	translated := draft("디지털 민원 안내")
	translated.Title["en"], translated.Title["zh"], translated.Title["ja"] = "Digital petitions", "数字民愿", "デジタル民願"
	a := s.publish(t, s.digital, translated)
	b := s.publish(t, s.digital, draft("디지털 배움터"))
	cultureReq := draft("서울 거리 공연")
	cultureReq.DepartmentCode, cultureReq.Kind = "SMG-CULTURE", contentv1.Kind_KIND_CULTURE
	c := s.publish(t, s.culture, cultureReq)
	// Only the current state says overdue; the history still says fresh.
	_, err := s.env.Pool.Exec(context.Background(), `UPDATE items SET next_review_due = $2 WHERE id = $1`, c.Id, start)
	require.NoError(t, err)
	_, err = s.c.SubmitFeedback(s.citizen, &contentv1.SubmitFeedbackRequest{ItemId: a.Id, Helpful: true})
	require.NoError(t, err)
	end := now.Advance(time.Hour)
	now.Advance(2 * time.Hour) // the period is over and settled

	req := &contentv1.GetScorecardRequest{StartTime: timestamppb.New(start), EndTime: timestamppb.New(end)}
	first, err := s.c.GetScorecard(s.digital, req)
	require.NoError(t, err)
	require.False(t, first.Provisional)
	culture := scoreOf(first, "SMG-CULTURE")
	require.EqualValues(t, 1, culture.Items)
	require.EqualValues(t, 1, culture.FreshItems, "overdue only in current state, fresh in the period's history")
	digital := scoreOf(first, "SMG-DIGITAL")
	require.EqualValues(t, 2, digital.Items)
	require.EqualValues(t, 2, digital.FreshItems)
	require.InDelta(t, 0.5, digital.TranslationCoverage, 1e-9, "one of two items has en, zh and ja")
	require.EqualValues(t, 1, digital.Helpful)
	require.EqualValues(t, 1, digital.Rank)
	require.True(t, digital.Incentive)
	require.Zero(t, scoreOf(first, "SMG-NOCONTACT").Rank, "no items: unranked")
	require.Contains(t, first.Method, "immutable history")

	// After the period: archive, edit the Korean text (translations go
	// stale), more feedback, a confirmation.
	_, err = s.c.ArchiveItem(s.digital, &contentv1.ArchiveItemRequest{ItemId: b.Id})
	require.NoError(t, err)
	_, err = s.c.UpdateItem(s.digital, &contentv1.UpdateItemRequest{ItemId: a.Id, Item: &contentv1.ItemContent{
		Title: map[string]string{"ko": "디지털 민원 새 안내"}}})
	require.NoError(t, err)
	_, err = s.c.SubmitFeedback(s.as(t, servicetest.Citizen("late")), &contentv1.SubmitFeedbackRequest{ItemId: a.Id})
	require.NoError(t, err)
	_, err = s.c.ConfirmItemCurrent(s.culture, &contentv1.ConfirmItemCurrentRequest{ItemId: c.Id})
	require.NoError(t, err)

	again, err := s.c.GetScorecard(s.admin, req)
	require.NoError(t, err)
	require.True(t, proto.Equal(first, again), "same period, same scorecard")

	now.Advance(time.Minute)
	current, err := s.c.GetScorecard(s.admin, &contentv1.GetScorecardRequest{StartTime: timestamppb.New(start),
		EndTime: timestamppb.New(now.Now().Add(time.Hour))})
	require.NoError(t, err)
	require.True(t, current.Provisional)
	require.EqualValues(t, 1, scoreOf(current, "SMG-DIGITAL").Items, "the archived item is gone now")

	_, err = s.c.GetScorecard(s.citizen, req)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.c.GetScorecard(s.admin, &contentv1.GetScorecardRequest{StartTime: timestamppb.New(end), EndTime: timestamppb.New(start)})
	servicetest.RequireInvalidField(t, err, "end_time")
	_, err = s.env.Pool.Exec(context.Background(), `UPDATE item_history SET department_code = 'SMG-CULTURE'`)
	requireAppendOnly(t, err, "item_history")
	again, err = s.c.GetScorecard(s.admin, req)
	require.NoError(t, err)
	require.True(t, proto.Equal(first, again), "history unchanged, scorecard unchanged")
}

func scoreOf(sc *contentv1.Scorecard, code string) *contentv1.DepartmentScore {
	for _, d := range sc.Departments {
		if d.DepartmentCode == code {
			return d
		}
	}
	return nil
}
