package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// createdID reads the id of a created resource, answered as the resource
// itself or wrapped in its name.
func createdID(t *testing.T, r *Response, wrapper string) string {
	t.Helper()
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var body map[string]map[string]any
	_ = json.Unmarshal(r.Body, &body)
	if id, ok := body[wrapper]["id"].(string); ok {
		return id
	}
	var flat struct {
		ID string `json:"id"`
	}
	r.JSON(t, &flat)
	require.NotEmpty(t, flat.ID, string(r.Body))
	return flat.ID
}

// A3.2: an admin grants an outside contractor official access to one
// department's content for a period. Through the edge the contractor
// edits that department's item, but not another department's, and acts in
// no other service; once the grant is revoked they are refused again. The
// admin sees the grant and its revocation.
func TestA3_2_ContractorActsOnlyWithinItsGrantThroughTheEdge(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-admin", Roles: []identity.Role{identity.RoleAdmin}})
	item := func(dept string) string {
		official := s.Client(t, identity.Claims{Subject: "e2e-official-" + dept, Roles: []identity.Role{identity.RoleOfficial}, Department: dept})
		return createdID(t, official.Do(t, "POST", "/v1/items", map[string]any{"request_id": fmt.Sprintf("e2e-contractor-%s-%d", dept, time.Now().UnixNano()),
			"department_code": dept, "kind": "KIND_POLICY", "title": map[string]string{"ko": "용역 권한 시험 " + dept}}), "item")
	}
	ours, theirs := item("SMG-DIGITAL"), item("SMG-TRANSPORT")
	subject := fmt.Sprintf("e2e-contractor-%d", time.Now().UnixNano())
	contractor := s.Client(t, identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleContractor}})
	edit := func(id string) int {
		return contractor.Do(t, "PATCH", "/v1/items/"+id, map[string]any{"tags": []string{"용역"}}).Status
	}
	servicetest.Eventually(t, "the contractor refused before any grant", func() bool { return edit(ours) == http.StatusForbidden })

	from := time.Now().UTC().Add(-time.Minute)
	bad := admin.Do(t, "POST", "/v1/privacy/contractor-grants", map[string]any{"contractor_subject": subject, "company": "(주)한울시스템",
		"service": "content", "role": "official", "department_code": "SMG-DIGITAL", "start_time": from.Format(time.RFC3339),
		"end_time": from.AddDate(2, 0, 0).Format(time.RFC3339), "reason": "홈페이지 유지보수 용역"})
	requireField(t, bad, "end_time")
	r := admin.Do(t, "POST", "/v1/privacy/contractor-grants", map[string]any{"request_id": subject, "contractor_subject": subject,
		"company": "(주)한울시스템", "service": "content", "role": "official", "department_code": "SMG-DIGITAL",
		"start_time": from.Format(time.RFC3339), "end_time": from.AddDate(0, 1, 0).Format(time.RFC3339), "reason": "홈페이지 유지보수 용역"})
	grant := createdID(t, r, "grant")

	servicetest.Eventually(t, "the contractor edits the granted department's item", func() bool { return edit(ours) == http.StatusOK })
	// Another department's draft is hidden from the contractor as from
	// that department's outsiders: the refusal reveals nothing.
	require.Equal(t, http.StatusNotFound, edit(theirs), "another department's item")
	board := contractor.Do(t, "POST", "/v1/boards", map[string]any{"request_id": subject, "name": "용역 게시판",
		"purpose": "용역 권한 시험", "department_code": "SMG-DIGITAL"})
	require.Equal(t, http.StatusForbidden, board.Status, "no grant for the board service: %s", board.Body)

	r = admin.Do(t, "POST", "/v1/privacy/contractor-grants/"+grant+":revoke", map[string]any{"reason": "용역 계약 해지"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	servicetest.Eventually(t, "the contractor refused after the revocation", func() bool { return edit(ours) == http.StatusForbidden })

	var listed struct {
		ContractorGrants []struct {
			ID         string `json:"id"`
			RevokedBy  string `json:"revoked_by"`
			RevokeTime string `json:"revoke_time"`
		} `json:"contractor_grants"`
	}
	r = admin.Do(t, "GET", "/v1/privacy/contractor-grants?contractor_subject="+subject, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r.JSON(t, &listed)
	require.Len(t, listed.ContractorGrants, 1)
	require.Equal(t, grant, listed.ContractorGrants[0].ID)
	require.Equal(t, "e2e-admin", listed.ContractorGrants[0].RevokedBy)
	require.NotEmpty(t, listed.ContractorGrants[0].RevokeTime)
	require.Equal(t, http.StatusForbidden, contractor.Do(t, "GET", "/v1/privacy/contractor-grants", nil).Status)
}
