package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// filedComplaint is the answer to filing a complaint: its id and the
// contact, masked, with the privacy tokens that stand for it.
type filedComplaint struct {
	Complaint struct {
		ID      string `json:"id"`
		Contact struct {
			Phone  string   `json:"phone"`
			Tokens []string `json:"tokens"`
		} `json:"contact"`
	} `json:"complaint"`
}

// TestPrivacyGrantFollowsComplaintAssignmentThroughEdge (A10.1, A10.2): a
// citizen files a complaint with a phone; the Mayor's office assigns it to
// SMG-TRANSPORT; the privacy service learns the assignment from the
// petition service's event, so an SMG-TRANSPORT official reveals the phone
// for that complaint, while an SMG-WELFARE official is refused (403) and
// the refusal is counted, not written to the citizen's access log.
func TestPrivacyGrantFollowsComplaintAssignmentThroughEdge(t *testing.T) {
	s := suite(t)
	citizen := s.Client(t, identity.Claims{Subject: "e2e-grant-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	mayor := s.Client(t, identity.Claims{Subject: "e2e-grant-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	transport := s.Client(t, identity.Claims{Subject: "e2e-grant-transport", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-TRANSPORT"})
	welfare := s.Client(t, identity.Claims{Subject: "e2e-grant-welfare", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-WELFARE"})

	r := citizen.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": "e2e-grant-1", "complaint_type": "inquiry_procedure",
		"title": "버스 정류장 안내판 고장", "body": "정류장 도착 안내판이 꺼져 있습니다.",
		"contact": map[string]string{"name": "정민원", "phone": "010-2468-9753"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var filed filedComplaint
	r.JSON(t, &filed)
	id := filed.Complaint.ID
	require.NotEmpty(t, id)
	require.Equal(t, "010-****-9753", filed.Complaint.Contact.Phone)
	require.NotEmpty(t, filed.Complaint.Contact.Tokens)

	reveal := map[string]any{"tokens": filed.Complaint.Contact.Tokens, "purpose": "complaint_handling", "case_reference": id}
	// Before the assignment nobody's department holds the case.
	r = transport.Do(t, "POST", "/v1/privacy/reveal", reveal)
	require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))

	r = mayor.Do(t, "POST", "/v1/complaints/"+id+":assign", map[string]any{"department_code": "SMG-TRANSPORT"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	// The grant arrives by event (outbox → stream → consumer): poll for it.
	grantsPath := "/v1/privacy/grants?case_reference=" + url.QueryEscape(id)
	servicetest.EventuallyWithin(t, 30*time.Second, "the assignment to reach the privacy service", func() bool {
		r = transport.Do(t, "GET", grantsPath, nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		var page struct {
			Grants []json.RawMessage `json:"reveal_grants"`
		}
		r.JSON(t, &page)
		return len(page.Grants) > 0
	})
	require.Contains(t, string(r.Body), "SMG-TRANSPORT")
	require.Contains(t, string(r.Body), "e2e-grant-citizen")

	r = transport.Do(t, "POST", "/v1/privacy/reveal", reveal)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "010-2468-9753")

	r = welfare.Do(t, "POST", "/v1/privacy/reveal", reveal)
	require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "9753")
	r = transport.Do(t, "POST", "/v1/privacy/reveal", map[string]any{"tokens": filed.Complaint.Contact.Tokens,
		"purpose": "complaint_handling", "case_reference": "not-this-complaint"})
	require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))
	r = welfare.Do(t, "GET", grantsPath, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.JSONEq(t, `{"reveal_grants":[]}`, string(r.Body), "another department sees no grant of the case")

	r = citizen.Do(t, "GET", "/v1/privacy/access-log?subject_id=e2e-grant-citizen", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "e2e-grant-welfare", "refusals are not written to the citizen's log")
	require.NotContains(t, string(r.Body), "ACCESS_OUTCOME_DENIED")
	require.Contains(t, string(r.Body), "ACCESS_OUTCOME_REVEALED")
}
