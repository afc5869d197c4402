package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// TestA8_1_FourEyesOnGrantsThroughEdge (A8.1): an official used to grant
// themselves 2,000,000 points by repeated requests and redeem them, and
// any official read any citizen's account. Now a grant to oneself is 403,
// a large grant waits for a second official of the mileage department,
// and another department's official is refused the account.
func TestA8_1_FourEyesOnGrantsThroughEdge(t *testing.T) {
	s := suite(t)
	o1 := s.Client(t, identity.Claims{Subject: "e2e-4eyes-o1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	o2 := s.Client(t, identity.Claims{Subject: "e2e-4eyes-o2", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	welfare := s.Client(t, identity.Claims{Subject: "e2e-4eyes-w", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-WELFARE"})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-4eyes-cit", Roles: []identity.Role{identity.RoleCitizen}})

	for _, req := range []string{"e2e-4eyes-self-1", "e2e-4eyes-self-2"} {
		r := o1.Do(t, "POST", "/v1/mileage/accounts/e2e-4eyes-o1/grants", map[string]any{"points": 1000, "reason": "수고비", "request_id": req})
		require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))
	}

	r := o1.Do(t, "POST", "/v1/mileage/accounts/e2e-4eyes-cit/grants", map[string]any{"points": 100000,
		"reason": "우수 제안 포상", "request_id": "e2e-4eyes-big-1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var pending struct {
		Grant struct {
			GrantID string `json:"grant_id"`
			Status  string `json:"status"`
		} `json:"grant"`
	}
	r.JSON(t, &pending)
	require.Equal(t, "pending", pending.Grant.Status)
	require.Equal(t, http.StatusForbidden, o1.Do(t, "POST", "/v1/mileage/grants/"+pending.Grant.GrantID+":approve", map[string]any{}).Status)
	require.Equal(t, http.StatusForbidden, welfare.Do(t, "POST", "/v1/mileage/grants/"+pending.Grant.GrantID+":approve", map[string]any{}).Status)
	r = o2.Do(t, "POST", "/v1/mileage/grants/"+pending.Grant.GrantID+":approve", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), `"status":"approved"`)

	r = citizen.Do(t, "GET", "/v1/mileage/accounts/me", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), `"balance":"100000"`)
	require.Equal(t, http.StatusForbidden, welfare.Do(t, "GET", "/v1/mileage/accounts/e2e-4eyes-cit", nil).Status)
	require.Equal(t, http.StatusForbidden, welfare.Do(t, "GET", "/v1/mileage/accounts/e2e-4eyes-cit/history", nil).Status)
	require.Equal(t, http.StatusOK, o2.Do(t, "GET", "/v1/mileage/accounts/e2e-4eyes-cit", nil).Status)
}
