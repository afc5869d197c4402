package e2e

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

type mileageAccount struct {
	Balance string `json:"balance"` // int64 travels as a JSON string
	Lots    []struct {
		Action     string `json:"action"`
		ExpireTime string `json:"expire_time"`
	} `json:"lots"`
}

func (a mileageAccount) points(t *testing.T) int64 {
	if a.Balance == "" {
		return 0
	}
	n, err := strconv.ParseInt(a.Balance, 10, 64)
	require.NoError(t, err)
	return n
}

// A8.1, A8.1.1, A8.3: a board post made through the edge shows up as
// points on the author's statement (board → NATS → mileage, exactly once),
// the point table is public, and the points top up a transit card through
// the sandbox partner.
func TestMileageBoardPostEarnsPointsThroughEdge(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-mileage-admin", Roles: []identity.Role{identity.RoleAdmin}})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-mileage-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	official := s.Client(t, identity.Claims{Subject: "e2e-mileage-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})

	r := s.Public().Do(t, "GET", "/v1/mileage/rules", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "post_created")
	require.Contains(t, string(r.Body), "transit-topup")
	// A2: the point table in the reader's language, with its state.
	r = s.Public().Do(t, "GET", "/v1/mileage/rules?language=ja", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "掲示板への投稿")
	require.Contains(t, string(r.Body), "TEXT_STATE_CURRENT")

	boardID := createBoard(t, admin, map[string]any{"name": "e2e 마일리지 게시판", "purpose": "e2e", "department_code": "SMG-CIVIL"})
	r = citizen.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"title": "버스 노선 제안", "body": "472번 배차 간격을 줄여 주세요.", "request_id": "e2e-mileage-post-1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	var acct mileageAccount
	servicetest.EventuallyWithin(t, 30*time.Second, "points for the post", func() bool {
		r = citizen.Do(t, "GET", "/v1/mileage/accounts/me", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		acct = mileageAccount{}
		r.JSON(t, &acct)
		return acct.points(t) > 0
	})
	require.EqualValues(t, 100, acct.points(t), "post_created earns 100 points under the table in force")
	require.Equal(t, "post_created", acct.Lots[0].Action)
	require.NotEmpty(t, acct.Lots[0].ExpireTime, "A8.2: every lot has an expiry date")

	r = official.Do(t, "POST", "/v1/mileage/accounts/e2e-mileage-citizen/grants", map[string]any{"points": 900, "reason": "e2e 봉사 적립", "request_id": "e2e-mileage-grant-1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r = citizen.Do(t, "POST", "/v1/mileage/redemptions", map[string]any{"idempotency_key": "e2e-mileage-redeem-1", "item_id": "transit-topup", "points": 1000, "transit_card_number": "1234-5678-9012-3456"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var red struct {
		Redemption struct {
			Status        string `json:"status"`
			MaskedAccount string `json:"masked_account"`
		} `json:"redemption"`
	}
	r.JSON(t, &red)
	require.Equal(t, "confirmed", red.Redemption.Status)
	require.Equal(t, "****-****-****-3456", red.Redemption.MaskedAccount, "the card number is shown masked")
	// The redemption spent the post's points and the grant; once no event
	// is in flight any more, the post is still credited exactly once.
	waitQuiescent(t, s)
	require.Zero(t, balance(t, citizen))
	requireOneEarned(t, citizen, "post_created", 100, "author")

	r = citizen.Do(t, "POST", "/v1/mileage/redemptions", map[string]any{"idempotency_key": "e2e-mileage-redeem-2", "item_id": "transit-topup", "points": 1000, "transit_card_number": "1234-5678-9012-3456"})
	require.Equal(t, http.StatusBadRequest, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "FAILED_PRECONDITION", "no points left")
	r = citizen.Do(t, "POST", "/v1/mileage/redemptions", map[string]any{"idempotency_key": "x", "item_id": "transit-topup", "points": 1000})
	require.Equal(t, http.StatusBadRequest, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "idempotency_key")
}
