package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// TestBidiControlsAndByteOrderMarksAreRefusedThroughEdge: titles with a
// right-to-left override or a byte order mark used to be stored, reading
// differently from what they are; every service now refuses them with a
// 400 naming the field (one rule, platform/textrule), and nothing is stored.
func TestBidiControlsAndByteOrderMarksAreRefusedThroughEdge(t *testing.T) {
	s := suite(t)
	official := s.Client(t, identity.Claims{Subject: "e2e-bidi-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-bidi-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	r := official.Do(t, "POST", "/v1/items", map[string]any{"request_id": "e2e-bidi-item", "department_code": "SMG-CIVIL",
		"kind": "KIND_POLICY", "title": map[string]string{"ko": "공지사항\u202Efdp.exe"}})
	requireField(t, r, "title.ko")
	for _, it := range reqAllItems(t, official, "/v1/items?status=ITEM_STATUS_DRAFT&department_code=SMG-CIVIL&page_size=100") {
		require.NotContains(t, it.Text.Title, "공지사항", "nothing was stored")
	}

	r = citizen.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": "e2e-bidi-complaint", "complaint_type": "inquiry_procedure",
		"title": "\uFEFF도로 파손", "body": "도로가 파손되었습니다.", "contact": map[string]string{"name": "박시민", "phone": "010-1111-2222"}})
	requireField(t, r, "title")
	r = citizen.Do(t, "GET", "/v1/complaints", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "도로 파손", "nothing was stored")
}
