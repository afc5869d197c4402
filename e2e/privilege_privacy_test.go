package e2e

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

func machine(id string) identity.Claims {
	return identity.Claims{Subject: "client:" + id, Roles: []identity.Role{identity.RoleService}, Client: id}
}

// TestA3_2_MachineClientTokenRevealsNobodyThroughEdge (A3.2, A10.1, the
// issue's "High"): with a machine-client token the edge used to list a
// citizen's tokens, reveal their card number, name and phone for a made-up
// redemption, and link a phone number to them. Now a registered partner
// gets 403 for all three, an unregistered client is refused everywhere,
// and nothing is written to the citizen's log.
func TestA3_2_MachineClientTokenRevealsNobodyThroughEdge(t *testing.T) {
	s := suite(t)
	b := s.Client(t, identity.Claims{Subject: "e2e-priv-b", Roles: []identity.Role{identity.RoleCitizen}})
	r := b.Do(t, "POST", "/v1/privacy/subjects/e2e-priv-b/data", map[string]any{"purpose": "redemption",
		"fields": []map[string]string{{"name": "name", "value": "나시민"}, {"name": "phone", "value": "010-7171-8282"},
			{"name": "transit_card_number", "value": "1111-2222-3333-4444"}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var stored struct {
		Tokens []struct{ Token string } `json:"tokens"`
	}
	r.JSON(t, &stored)
	tokens := []string{stored.Tokens[0].Token, stored.Tokens[1].Token, stored.Tokens[2].Token}

	for _, id := range []string{"mileage-partner", "forged-client"} {
		c := s.Client(t, machine(id))
		r = c.Do(t, "GET", "/v1/privacy/subjects/e2e-priv-b/masked", nil)
		require.Equal(t, http.StatusForbidden, r.Status, "%s: %s", id, r.Body)
		r = c.Do(t, "POST", "/v1/privacy/reveal", map[string]any{"tokens": tokens, "purpose": "redemption", "case_reference": "made-up-7"})
		require.Equal(t, http.StatusForbidden, r.Status, "%s: %s", id, r.Body)
		require.NotContains(t, string(r.Body), "1111-2222")
		r = c.Do(t, "POST", "/v1/privacy/lookup", map[string]any{"field": "phone", "value": "010-7171-8282", "purpose": "redemption"})
		require.Equal(t, http.StatusForbidden, r.Status, "%s: %s", id, r.Body)
		require.NotContains(t, string(r.Body), "e2e-priv-b")
	}
	for _, e := range accessLog(t, b, "/v1/privacy/access-log?subject_id=e2e-priv-b") {
		require.Equal(t, "e2e-priv-b", e.ActorSubject, "only the citizen's own store: %+v", e)
	}
}

// TestA10_1_AnonymousCallsDoNotPolluteTheAccessLogThroughEdge (A10.1):
// anonymous requests for a citizen's masked data used to append a row to
// the citizen's append-only, hash-chained log each; now they are 401 and
// leave the log as it was.
func TestA10_1_AnonymousCallsDoNotPolluteTheAccessLogThroughEdge(t *testing.T) {
	s := suite(t)
	c := s.Client(t, identity.Claims{Subject: "e2e-priv-anon", Roles: []identity.Role{identity.RoleCitizen}})
	r := c.Do(t, "POST", "/v1/privacy/subjects/e2e-priv-anon/data", map[string]any{"purpose": "complaint",
		"fields": []map[string]string{{"name": "phone", "value": "010-9191-2828"}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	before := accessLog(t, c, "/v1/privacy/access-log?subject_id=e2e-priv-anon")
	for range 10 {
		r = s.Public().Do(t, "GET", "/v1/privacy/subjects/e2e-priv-anon/masked", nil)
		require.Equal(t, http.StatusUnauthorized, r.Status, string(r.Body))
	}
	require.Equal(t, before, accessLog(t, c, "/v1/privacy/access-log?subject_id=e2e-priv-anon"))
}

// TestA10_1_OfficialChangesDataOnlyWithinTheCitizensComplaintThroughEdge
// (A10.1, A3.2): any official used to overwrite any citizen's phone. Now
// an official changes it only within a complaint the citizen filed that
// the official's department holds, and the citizen sees who changed what,
// for which case, in their access history.
func TestA10_1_OfficialChangesDataOnlyWithinTheCitizensComplaintThroughEdge(t *testing.T) {
	s := suite(t)
	citizen := s.Client(t, identity.Claims{Subject: "e2e-priv-four", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	official := s.Client(t, identity.Claims{Subject: "e2e-priv-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	change := func(caseRef string) *Response {
		return official.Do(t, "POST", "/v1/privacy/subjects/e2e-priv-four/data", map[string]any{"purpose": "complaint",
			"case_reference": caseRef, "fields": []map[string]string{{"name": "phone", "value": "010-0000-1111"}}})
	}
	require.Equal(t, http.StatusForbidden, change("").Status)

	r := citizen.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": "e2e-priv-four-1", "complaint_type": "inquiry_procedure",
		"title": "연락처 변경 요청", "body": "전화번호가 바뀌었으니 민원 담당자가 수정해 주세요.",
		"contact": map[string]string{"name": "사민원", "phone": "010-5656-7878"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var filed filedComplaint
	r.JSON(t, &filed)
	// A new complaint is held by the Mayor's office (SMG-CIVIL) until it is
	// assigned; the grant arrives by event.
	servicetest.EventuallyWithin(t, 30*time.Second, "the Mayor's office's grant for the new complaint", func() bool {
		r = change(filed.Complaint.ID)
		return r.Status != http.StatusForbidden
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	mine := accessLog(t, citizen, "/v1/privacy/access-log?subject_id="+url.QueryEscape("e2e-priv-four"))
	var changes []accessLogEntry
	for _, e := range mine {
		if e.ActorSubject == "e2e-priv-civil" {
			changes = append(changes, e)
		}
	}
	require.Len(t, changes, 1, "the change, and none of the refused attempts: %+v", mine)
	require.Equal(t, "ACCESS_OUTCOME_STORED", changes[0].Outcome)
	require.Equal(t, filed.Complaint.ID, changes[0].CaseReference)
}
