package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/timestamppb"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A8.3: the point table, validity and how to redeem are public, with the
// history of versions; a new version applies from its start.
func TestA8_3_RulesArePostedWithHistory(t *testing.T) {
	t.Parallel()
	s := start(t)
	public := context.Background()
	r, err := s.api.GetRules(public, &mileagev1.GetRulesRequest{})
	require.NoError(t, err)
	require.Len(t, r.GetRules(), 6)
	require.EqualValues(t, 1825, r.GetValidity().GetValidityDays())
	require.NotEmpty(t, r.GetHowToRedeem().GetText())
	channels := map[string]bool{}
	for _, it := range r.GetCatalog() {
		channels[it.GetChannel()] = true
	}
	require.Equal(t, map[string]bool{"transit": true, "library": true, "public_service": true}, channels)

	from := s.clock.Now().Add(time.Hour)
	pub, err := s.api.PublishRule(s.admin(t), &mileagev1.PublishRuleRequest{Action: "post_created", Points: 150,
		DailyCap: 3, MonthlyCap: 30, WeightPercent: 100, EffectiveTime: timestamppb.New(from),
		Description: &typev1.LocalizedText{Texts: map[string]string{"ko": "게시판 글 작성"}}, Reason: "2027 예산 반영"})
	require.NoError(t, err)
	require.EqualValues(t, 2, pub.GetRule().GetVersion())

	s.post(t, "e-before", "p-before", "cit-v1") // earned under version 1
	s.waitBalance(t, "cit-v1", 100)
	s.clock.Advance(2 * time.Hour)
	s.post(t, "e-after", "p-after", "cit-v1") // earned under version 2
	s.waitBalance(t, "cit-v1", 250)
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM awards WHERE source_ref = 'p-after' AND rule_version = 2`))

	h, err := s.api.ListRuleVersions(public, &mileagev1.ListRuleVersionsRequest{Action: "post_created"})
	require.NoError(t, err)
	require.Len(t, h.GetRules(), 2)
	require.NotNil(t, h.GetRules()[1].GetEffectiveEndTime(), "version 1 ended when version 2 started")
	require.NotEmpty(t, h.GetValidityVersions())

	page, err := s.api.ListRuleVersions(public, &mileagev1.ListRuleVersionsRequest{PageSize: 4})
	require.NoError(t, err)
	require.Len(t, page.GetRules(), 4)
	rest, err := s.api.ListRuleVersions(public, &mileagev1.ListRuleVersionsRequest{PageSize: 4, PageToken: page.GetNextPageToken()})
	require.NoError(t, err)
	require.Len(t, rest.GetRules(), 3)
}

// A8.1: only admins keep the table; bad versions name their fields and
// store nothing.
func TestA8_1_PublishRuleValidatesAndAuthorizes(t *testing.T) {
	t.Parallel()
	s := start(t)
	_, err := s.api.PublishRule(s.official(t), &mileagev1.PublishRuleRequest{Action: "post_created", Points: 1})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	bad := &mileagev1.PublishRuleRequest{Action: "lottery", Points: -1, DailyCap: -1, WeightPercent: 0,
		EffectiveTime: timestamppb.New(s.clock.Now().Add(-48 * time.Hour))}
	_, err = s.api.PublishRule(s.admin(t), bad)
	for _, f := range []string{"action", "points", "daily_cap", "weight_percent", "effective_time", "description.texts.ko", "reason"} {
		servicetest.RequireInvalidField(t, err, f)
	}
	require.Equal(t, 6, s.count(t, `SELECT count(*) FROM earning_rules`))
	_, err = s.api.SetValidity(s.admin(t), &mileagev1.SetValidityRequest{ValidityDays: 0, Reason: ""})
	servicetest.RequireInvalidField(t, err, "validity_days")
	servicetest.RequireInvalidField(t, err, "reason")
}

// A8.1: a citizen sees only their own statement; officials and admins
// see any.
func TestA8_1_StatementsAreTheCitizensOwn(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-s1", 1000, "grant-own-0001")
	_, err := s.api.GetAccount(s.citizen(t, "cit-s2"), &mileagev1.GetAccountRequest{SubjectId: "cit-s1"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	me, err := s.api.GetAccount(s.citizen(t, "cit-s1"), &mileagev1.GetAccountRequest{SubjectId: "me"})
	require.NoError(t, err)
	require.EqualValues(t, 1000, me.GetBalance())
	_, err = s.api.GetAccount(context.Background(), &mileagev1.GetAccountRequest{SubjectId: "cit-s1"})
	servicetest.RequireCode(t, err, codes.Unauthenticated)
	_, err = s.api.GetLiabilityReport(s.official(t), &mileagev1.GetLiabilityReportRequest{BudgetYear: 2026})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.api.ListHistoryLines(s.citizen(t, "cit-s1"), &mileagev1.ListHistoryLinesRequest{SubjectId: "me", PageToken: "%%%"})
	servicetest.RequireInvalidField(t, err, "page_token")
}
