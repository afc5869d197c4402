package server_test

import (
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// repositioned is token (one the service issued) with its keyset position
// replaced by position (raw JSON), its binding to the query kept: how a
// client would forge a position.
func repositioned(t testing.TB, token, position string) string {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(token)
	require.NoError(t, err)
	var b map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &b))
	require.Contains(t, b, "p", "a bound token: %s", raw)
	b["p"] = json.RawMessage(position)
	out, err := json.Marshal(b)
	require.NoError(t, err)
	return base64.RawURLEncoding.EncodeToString(out)
}

// Issue 12 (conventions.md "Paging"), A8.1, A8.3: a page size above the
// maximum is served at the maximum (AIP-158; it was a 400 here), a negative
// one is bad input naming page_size, on every mileage list.
func TestA8_ListsServeAboveTheCapAtTheCap(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-cap", 100, "grant-cap-0001")
	ctx := s.citizen(t, "cit-cap")
	h, err := s.api.ListHistoryLines(ctx, &mileagev1.ListHistoryLinesRequest{SubjectId: "me", PageSize: 100_000})
	require.NoError(t, err)
	require.Len(t, h.GetHistoryLines(), 1)
	require.Empty(t, h.GetNextPageToken(), "no list ends with an empty page")
	r, err := s.api.ListRedemptions(ctx, &mileagev1.ListRedemptionsRequest{SubjectId: "me", PageSize: 201})
	require.NoError(t, err)
	require.Empty(t, r.GetRedemptions())
	v, err := s.api.ListRuleVersions(t.Context(), &mileagev1.ListRuleVersionsRequest{PageSize: 100_000})
	require.NoError(t, err)
	require.Len(t, v.GetRules(), 6)
	require.Empty(t, v.GetNextPageToken())

	_, err = s.api.ListHistoryLines(ctx, &mileagev1.ListHistoryLinesRequest{SubjectId: "me", PageSize: -1})
	servicetest.RequireInvalidField(t, err, "page_size")
	_, err = s.api.ListRedemptions(ctx, &mileagev1.ListRedemptionsRequest{SubjectId: "me", PageSize: -1})
	servicetest.RequireInvalidField(t, err, "page_size")
	_, err = s.api.ListRuleVersions(t.Context(), &mileagev1.ListRuleVersionsRequest{PageSize: -1})
	servicetest.RequireInvalidField(t, err, "page_size")
}

// Issue 12, A8.1: a page token is bound to the filters it was issued for:
// the next page of one citizen's history, replayed by an official for
// another citizen, is refused naming page_token instead of serving that
// citizen's lines from a position of the first's; so is a token replayed
// on another list or with another action filter.
func TestA8_PageTokenIsBoundToItsFilters(t *testing.T) {
	t.Parallel()
	s := start(t)
	for i, sub := range []string{"cit-bind1", "cit-bind1", "cit-bind2", "cit-bind2"} {
		s.grant(t, sub, 100, "grant-bind-000"+string(rune('1'+i)))
	}
	official := s.official(t)
	first, err := s.api.ListHistoryLines(official, &mileagev1.ListHistoryLinesRequest{SubjectId: "cit-bind1", PageSize: 1})
	require.NoError(t, err)
	require.Len(t, first.GetHistoryLines(), 1)
	require.NotEmpty(t, first.GetNextPageToken())
	token := first.GetNextPageToken()

	rest, err := s.api.ListHistoryLines(official, &mileagev1.ListHistoryLinesRequest{SubjectId: "cit-bind1", PageSize: 1, PageToken: token})
	require.NoError(t, err)
	require.Len(t, rest.GetHistoryLines(), 1)
	require.Empty(t, rest.GetNextPageToken(), "the second line is the last: no empty page follows")

	_, err = s.api.ListHistoryLines(official, &mileagev1.ListHistoryLinesRequest{SubjectId: "cit-bind2", PageToken: token})
	servicetest.RequireInvalidField(t, err, "page_token")
	_, err = s.api.ListRedemptions(official, &mileagev1.ListRedemptionsRequest{SubjectId: "cit-bind1", PageToken: token})
	servicetest.RequireInvalidField(t, err, "page_token")

	all, err := s.api.ListRuleVersions(t.Context(), &mileagev1.ListRuleVersionsRequest{PageSize: 1})
	require.NoError(t, err)
	_, err = s.api.ListRuleVersions(t.Context(), &mileagev1.ListRuleVersionsRequest{Action: "post_created", PageToken: all.GetNextPageToken()})
	servicetest.RequireInvalidField(t, err, "page_token")
	_, err = s.api.ListRuleVersions(t.Context(), &mileagev1.ListRuleVersionsRequest{PageToken: all.GetNextPageToken()})
	require.NoError(t, err)
}
