package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// TestPetitionComplaintThroughEdge (A3.1.3, A6.1, A6.2): an opinion to the
// Mayor is triaged into a civil complaint with a receipt number and a due
// date from the holiday table; the department answers; the answered item
// is published without personal data; Open311 clients read it as GeoReport.
func TestPetitionComplaintThroughEdge(t *testing.T) {
	s := suite(t)
	citizen := s.Client(t, identity.Claims{Subject: "e2e-petition-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	mayor := s.Client(t, identity.Claims{Subject: "e2e-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	dept := s.Client(t, identity.Claims{Subject: "e2e-transport", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-TRANSPORT"})

	r := citizen.Do(t, "POST", "/v1/opinions", map[string]any{"request_id": "e2e-op-1", "title": "심야버스 노선 확대",
		"body": "강서구에서 귀가하는 심야버스가 부족합니다.", "publish_consent": true,
		"contact": map[string]string{"name": "최시민", "phone": "010-5555-6666"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var op struct {
		Opinion struct {
			ID      string `json:"id"`
			Contact struct {
				Name string `json:"name"`
			} `json:"contact"`
		} `json:"opinion"`
	}
	r.JSON(t, &op)
	require.Equal(t, "최*민", op.Opinion.Contact.Name)

	r = mayor.Do(t, "POST", "/v1/opinions/"+op.Opinion.ID+":triage", map[string]any{"decision": "TRIAGE_DECISION_COMPLAINT",
		"complaint_type": "proposal", "department_code": "SMG-TRANSPORT"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var tr struct {
		Complaint struct {
			ID            string `json:"id"`
			ReceiptNumber string `json:"receipt_number"`
			Due           struct {
				DueTime string `json:"due_time"`
				Version int    `json:"holiday_table_version"`
			} `json:"due"`
		} `json:"complaint"`
	}
	r.JSON(t, &tr)
	require.Regexp(t, `^SMG-\d{4}-\d{6}$`, tr.Complaint.ReceiptNumber)
	require.NotEmpty(t, tr.Complaint.Due.DueTime)
	require.GreaterOrEqual(t, tr.Complaint.Due.Version, 1)

	r = dept.Do(t, "POST", "/v1/complaints/"+tr.Complaint.ID+":answer", map[string]any{"body": ""})
	require.Equal(t, http.StatusBadRequest, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), `"body"`)
	r = dept.Do(t, "POST", "/v1/complaints/"+tr.Complaint.ID+":answer", map[string]any{"body": "노선 확대를 검토하겠습니다."})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	r = s.Public().Do(t, "GET", "/v1/public-complaints", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), tr.Complaint.ReceiptNumber)
	require.NotContains(t, string(r.Body), "5555")
	require.NotContains(t, string(r.Body), "e2e-petition-citizen")

	r = s.Public().Do(t, "GET", "/open311/v2/requests/"+tr.Complaint.ReceiptNumber+".json", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var geo []map[string]any
	r.JSON(t, &geo)
	require.Len(t, geo, 1)
	require.Equal(t, "closed", geo[0]["status"])
	require.Equal(t, "proposal", geo[0]["service_code"])
}
