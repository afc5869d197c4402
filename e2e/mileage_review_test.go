package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A8.1: a post withdrawn by its author through the edge loses its
// points (board publishes seoul.board.post.withdrawn, mileage claws back
// under the same policy as a removal), so posting and withdrawing cannot
// farm points; the statement shows the clawback.
func TestMileageWithdrawnPostLosesPointsThroughEdge(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-mwd-admin", Roles: []identity.Role{identity.RoleAdmin}})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-mwd-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	boardID := createBoard(t, admin, map[string]any{"name": "e2e 철회 마일리지 게시판"})
	r := citizen.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"title": "가로등 제안",
		"body": "골목길 가로등을 더 밝게 바꿔 주세요.", "request_id": "e2e-mwd-post-1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var created struct {
		ID string `json:"id"`
	}
	r.JSON(t, &created)
	waitForPoints(t, citizen, 100, "author")

	r = citizen.Do(t, "POST", "/v1/posts/"+created.ID+":withdraw", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	servicetest.EventuallyWithin(t, 30*time.Second, "the withdrawn post's points clawed back",
		func() bool { return balance(t, citizen) == 0 })
	r = citizen.Do(t, "GET", "/v1/mileage/accounts/me/history", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "clawed_back")
	require.Contains(t, string(r.Body), "withdrawn")
}

// A8.1.1: a citizen lists their own redemptions through the edge, newest
// first; another citizen may not; a forged page token is a 400.
func TestMileageListRedemptionsThroughEdge(t *testing.T) {
	s := suite(t)
	citizen := s.Client(t, identity.Claims{Subject: "e2e-mlr-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	other := s.Client(t, identity.Claims{Subject: "e2e-mlr-other", Roles: []identity.Role{identity.RoleCitizen}})
	official := s.Client(t, identity.Claims{Subject: "e2e-mlr-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	r := official.Do(t, "POST", "/v1/mileage/accounts/e2e-mlr-citizen/grants", map[string]any{"points": 3000,
		"reason": "e2e 봉사 적립", "request_id": "e2e-mlr-grant-1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var made []string // redemption ids, oldest first
	for _, key := range []string{"e2e-mlr-redeem-1", "e2e-mlr-redeem-2"} {
		r = citizen.Do(t, "POST", "/v1/mileage/redemptions", map[string]any{"idempotency_key": key,
			"item_id": "transit-topup", "points": 1000, "transit_card_number": "1234-5678-9012-3456"})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		var red struct {
			Redemption struct {
				RedemptionID string `json:"redemption_id"`
			} `json:"redemption"`
		}
		r.JSON(t, &red)
		require.NotEmpty(t, red.Redemption.RedemptionID)
		made = append(made, red.Redemption.RedemptionID)
	}
	require.NotEqual(t, made[0], made[1])
	type redemptionPage struct {
		Redemptions []struct {
			RedemptionID  string `json:"redemption_id"`
			Status        string `json:"status"`
			MaskedAccount string `json:"masked_account"`
		} `json:"redemptions"`
		NextPageToken string `json:"next_page_token"`
	}
	r = citizen.Do(t, "GET", "/v1/mileage/accounts/me/redemptions?page_size=1", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var first redemptionPage
	r.JSON(t, &first)
	require.Len(t, first.Redemptions, 1)
	require.Equal(t, made[1], first.Redemptions[0].RedemptionID, "newest first")
	require.Equal(t, "confirmed", first.Redemptions[0].Status)
	require.Equal(t, "****-****-****-3456", first.Redemptions[0].MaskedAccount)
	require.NotEmpty(t, first.NextPageToken)
	r = citizen.Do(t, "GET", "/v1/mileage/accounts/me/redemptions?page_token="+first.NextPageToken, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var second redemptionPage
	r.JSON(t, &second)
	require.Len(t, second.Redemptions, 1)
	require.Equal(t, made[0], second.Redemptions[0].RedemptionID, "the second page holds the other, older redemption")
	require.Empty(t, second.NextPageToken)
	r = citizen.Do(t, "GET", "/v1/mileage/accounts/me/redemptions?page_size=100000", nil)
	require.Equal(t, http.StatusOK, r.Status, "above the cap is served at the cap (AIP-158): %s", r.Body)
	var capped redemptionPage
	r.JSON(t, &capped)
	require.Len(t, capped.Redemptions, 2)
	require.Empty(t, capped.NextPageToken)

	r = other.Do(t, "GET", "/v1/mileage/accounts/e2e-mlr-citizen/redemptions", nil)
	require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))
	r = s.Public().Do(t, "GET", "/v1/mileage/accounts/me/redemptions", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status, string(r.Body))
	requireField(t, citizen.Do(t, "GET", "/v1/mileage/accounts/me/redemptions?page_token=zz", nil), "page_token")
}

// A8.1, A8.3 bad input through the edge: NUL bytes in ids and texts (were
// 500s), invisible reasons, malformed ids, unknown filters, negative and
// out-of-range numbers are 400 naming the field; unauthorized is 401/403;
// missing is 404; and nothing is stored.
func TestMileageBadInputThroughEdge(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-mbi-admin", Roles: []identity.Role{identity.RoleAdmin}})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-mbi-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	official := s.Client(t, identity.Claims{Subject: "e2e-mbi-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	grant := func(points any, reason string) map[string]any {
		return map[string]any{"points": points, "reason": reason, "request_id": "e2e-mbi-grant-1"}
	}
	grants := "/v1/mileage/accounts/e2e-mbi-citizen/grants"
	runEdgeCases(t, []edgeCase{
		{name: "account anonymously", c: s.Public(), method: "GET", path: "/v1/mileage/accounts/me", status: http.StatusUnauthorized},
		{name: "another's account", c: citizen, method: "GET", path: "/v1/mileage/accounts/e2e-mbi-other", status: http.StatusForbidden},
		{name: "subject NUL", c: official, method: "GET", path: "/v1/mileage/accounts/a%00b", field: "subject_id"},
		{name: "history subject NUL", c: official, method: "GET", path: "/v1/mileage/accounts/a%00b/history", field: "subject_id"},
		{name: "history forged token", c: citizen, method: "GET", path: "/v1/mileage/accounts/me/history?page_token=LTU", field: "page_token"},
		{name: "history negative page", c: citizen, method: "GET", path: "/v1/mileage/accounts/me/history?page_size=-1", field: "page_size"},
		{name: "redemption id malformed", c: citizen, method: "GET", path: "/v1/mileage/redemptions/zz", field: "redemption_id"},
		{name: "redemption missing", c: citizen, method: "GET", path: "/v1/mileage/redemptions/00000000-0000-7000-8000-000000000000",
			status: http.StatusNotFound},
		{name: "liability year", c: admin, method: "GET", path: "/v1/mileage/reports/liability/1999", field: "budget_year"},
		{name: "liability as citizen", c: citizen, method: "GET", path: "/v1/mileage/reports/liability/2025", status: http.StatusForbidden},
		{name: "reversal id malformed", c: official, method: "POST", path: "/v1/mileage/awards/a%00b/reversal", field: "award_id",
			body: map[string]any{"reason": "정정"}},
		{name: "reversal missing", c: official, method: "POST", path: "/v1/mileage/awards/aw_00000000000000000000000000000000/reversal",
			status: http.StatusNotFound, body: map[string]any{"reason": "정정"}},
		{name: "grant negative", c: official, method: "POST", path: grants, field: "points", body: grant(-5, "사유")},
		{name: "grant reason NUL", c: official, method: "POST", path: grants, field: "reason", body: grant(5, "사유\u0000")},
		{name: "grant reason filler", c: official, method: "POST", path: grants, field: "reason", body: grant(5, "\u3164")},
		{name: "grant subject NUL", c: official, method: "POST", path: "/v1/mileage/accounts/a%00b/grants", field: "subject_id", body: grant(5, "사유")},
		{name: "grant as citizen", c: citizen, method: "POST", path: grants, status: http.StatusForbidden, body: grant(5, "사유")},
		{name: "redeem item NUL", c: citizen, method: "POST", path: "/v1/mileage/redemptions", field: "item_id",
			body: map[string]any{"idempotency_key": "e2e-mbi-redeem-1", "item_id": "a\u0000", "points": 1000}},
		{name: "redeem negative", c: citizen, method: "POST", path: "/v1/mileage/redemptions", field: "points",
			body: map[string]any{"idempotency_key": "e2e-mbi-redeem-1", "item_id": "transit-topup", "points": -1000,
				"transit_card_number": "1234-5678-9012-3456"}},
		{name: "catalog name NUL", c: admin, method: "POST", path: "/v1/mileage/catalog", field: "item.name_texts.texts.ko",
			body: map[string]any{"item": map[string]any{"item_id": "e2e-bad-item", "channel": "transit", "name_texts": map[string]any{"texts": map[string]string{"ko": "a\u0000"}},
				"min_points": 1, "max_points": 1, "step_points": 1}}},
		{name: "rule description NUL", c: admin, method: "POST", path: "/v1/mileage/rules", field: "description.texts.ko",
			body: map[string]any{"action": "post_created", "points": 10, "weight_percent": 100, "description": map[string]any{"texts": map[string]string{"ko": "a\u0000"}}, "reason": "r"}},
		{name: "validity reason NUL", c: admin, method: "POST", path: "/v1/mileage/validity", field: "reason",
			body: map[string]any{"validity_days": 365, "expiry_notice_days": 30, "reason": "a\u0000"}},
		{name: "rule history unknown action", c: s.Public(), method: "GET", path: "/v1/mileage/rules/history?action=%00", field: "action"},
	})

	r := citizen.Do(t, "GET", "/v1/mileage/accounts/me/history", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "transaction_id", "no bad grant was stored")
	r = s.Public().Do(t, "GET", "/v1/mileage/catalog", nil)
	require.NotContains(t, string(r.Body), "e2e-bad-item")
	r = s.Public().Do(t, "GET", "/v1/mileage/rules", nil)
	require.Contains(t, string(r.Body), `"points":"100"`, "the point table is unchanged")
}
