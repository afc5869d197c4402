package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// contentReviewViolations decodes the field names of a 400 from the edge.
func contentReviewViolations(t *testing.T, r *Response) []string {
	t.Helper()
	require.Equal(t, http.StatusBadRequest, r.Status, string(r.Body))
	return r.Violations(t)
}

// contentReviewDrafts lists the titles of all of SMG-DIGITAL's drafts as
// its official sees them, every page.
func contentReviewDrafts(t *testing.T, c *Client) []string {
	t.Helper()
	var titles []string
	for _, it := range reqAllItems(t, c, "/v1/items?status=ITEM_STATUS_DRAFT&department_code=SMG-DIGITAL&page_size=100") {
		titles = append(titles, it.Text.Title)
	}
	return titles
}

// contentReviewVersion reads an item's title and version as its official
// sees them.
func contentReviewVersion(t *testing.T, c *Client, id string) (string, int64) {
	t.Helper()
	r := c.Do(t, "GET", "/v1/items/"+id+"?view=ITEM_VIEW_EDITOR", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var it struct {
		Text struct {
			Title string `json:"title"`
		} `json:"text"`
		Version reqInt `json:"version"`
	}
	r.JSON(t, &it)
	require.NotEmpty(t, it.Text.Title)
	require.Positive(t, int64(it.Version))
	return it.Text.Title, int64(it.Version)
}

// Text PostgreSQL cannot store (NUL) in any request field — search query,
// filters, titles, tags, request id, department names, comments, change
// notes — is a 400 naming the field, never a 500, and nothing is stored.
// (Input handling; no requirement of the ordinance of its own.)
func TestContentReviewNULInputIsBadRequestNot500(t *testing.T) {
	s := suite(t)
	official := s.Client(t, identity.Claims{Subject: "review-content-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	admin := s.Client(t, identity.Claims{Subject: "review-content-admin", Roles: []identity.Role{identity.RoleAdmin}})
	citizen := s.Client(t, identity.Claims{Subject: "review-content-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	id := contentReviewPublished(t, official, "review-nul")
	item := func(extra map[string]any) map[string]any {
		b := map[string]any{"department_code": "SMG-DIGITAL", "kind": "KIND_POLICY", "title": map[string]string{"ko": "검토"}}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	drafts := contentReviewDrafts(t, official)
	title, version := contentReviewVersion(t, official, id)
	cases := []struct {
		c      *Client
		method string
		path   string
		body   any
		field  string
	}{
		{s.Public(), "GET", "/v1/items:search?query=" + url.QueryEscape("따릉\x00이"), nil, "query"},
		{s.Public(), "GET", "/v1/items?tag=%00", nil, "tag"},
		{official, "POST", "/v1/items", item(map[string]any{"title": map[string]string{"ko": "제\x00목"}}), "title.ko"},
		{official, "POST", "/v1/items", item(map[string]any{"tags": []string{"ok", "a\x00"}}), "tags[1]"},
		{official, "POST", "/v1/items", item(map[string]any{"request_id": "r\x00"}), "request_id"},
		{official, "POST", "/v1/items", item(map[string]any{"attachments": []map[string]any{{"name": "a\x00.pdf", "url": "https://seoul.go.kr/a.pdf"}}}), "attachments[0].name"},
		{official, "PATCH", "/v1/items/" + id + "?change_note=%00", map[string]any{"title": map[string]string{"ko": "검토"}}, "change_note"},
		{admin, "PUT", "/v1/departments/REVIEW-NUL", map[string]any{"name_ko": "검토\x00과"}, "name_ko"},
		{citizen, "POST", "/v1/items/" + id + "/feedback", map[string]any{"helpful": true, "comment": "좋\x00아요"}, "comment"},
	}
	for _, tc := range cases {
		r := tc.c.Do(t, tc.method, tc.path, tc.body)
		require.Contains(t, contentReviewViolations(t, r), tc.field, "%s %s", tc.method, tc.path)
	}
	require.ElementsMatch(t, drafts, contentReviewDrafts(t, official), "no draft stored")
	title2, version2 := contentReviewVersion(t, official, id)
	require.Equal(t, title, title2, "the refused update changed nothing")
	require.Equal(t, version, version2, "the refused update changed nothing")
	require.Equal(t, http.StatusNotFound, s.Public().Do(t, "GET", "/v1/departments/REVIEW-NUL", nil).Status)
	r := official.Do(t, "GET", "/v1/departments/SMG-DIGITAL/feedback?item_id="+id, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "review-content-citizen", "no feedback stored")
	var fb struct {
		Feedback []json.RawMessage `json:"feedback"`
	}
	r.JSON(t, &fb)
	require.Empty(t, fb.Feedback)
}

// contentReviewPublished creates and publishes an item of SMG-DIGITAL.
func contentReviewPublished(t *testing.T, official *Client, requestID string) string {
	t.Helper()
	r := official.Do(t, "POST", "/v1/items", map[string]any{"request_id": requestID, "department_code": "SMG-DIGITAL",
		"kind": "KIND_POLICY", "title": map[string]string{"ko": "검토용 정책 " + requestID}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var it e2eItem
	r.JSON(t, &it)
	for _, verb := range []string{"submit", "publish"} {
		r = official.Do(t, "POST", "/v1/items/"+it.ID+":"+verb, map[string]any{})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	}
	return it.ID
}

// A3.1.1, A4.2: odd ids, numbers, enums, tokens and unknown departments
// through the edge are 400s naming the field (or 404), never a 500 or a
// misleading conflict.
func TestContentReviewOddInputThroughEdge(t *testing.T) {
	s := suite(t)
	official := s.Client(t, identity.Claims{Subject: "review-content-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	admin := s.Client(t, identity.Claims{Subject: "review-content-admin", Roles: []identity.Role{identity.RoleAdmin}})
	id := contentReviewPublished(t, official, "review-odd")
	update := map[string]any{"title": map[string]string{"ko": "바뀐 제목"}}
	cases := []struct {
		c      *Client
		method string
		path   string
		body   any
		field  string
	}{
		{official, "PATCH", "/v1/items/" + id + "?update_mask=titel", update, "update_mask"},
		{admin, "POST", "/v1/items", map[string]any{"department_code": "NO-SUCH-DEPT", "kind": "KIND_POLICY", "title": map[string]string{"ko": "x"}}, "department_code"},
		{admin, "POST", "/v1/items", map[string]any{"department_code": "SMG-DIGITAL", "kind": 999, "title": map[string]string{"ko": "x"}}, "kind"},
		{s.Public(), "GET", "/v1/items/not-a-uuid", nil, "item_id"},
		{s.Public(), "GET", "/v1/items/not-a-uuid/revisions", nil, "item_id"},
		{s.Public(), "GET", "/v1/items?page_size=-1", nil, "page_size"},
		{s.Public(), "GET", "/v1/items?page_token=garbage", nil, "page_token"},
		{s.Public(), "GET", "/v1/items:search?query=abc&page_token=garbage", nil, "page_token"},
		{s.Public(), "GET", "/v1/items?language=%21%21", nil, "language"},
		{s.Public(), "GET", "/v1/items:lookup?slug=NOT_A_SLUG", nil, "slug"},
		{official, "GET", "/v1/scorecards?start_time=2025-03-01T00:00:00Z&end_time=2025-02-01T00:00:00Z", nil, "end_time"},
	}
	for _, tc := range cases {
		r := tc.c.Do(t, tc.method, tc.path, tc.body)
		require.Contains(t, contentReviewViolations(t, r), tc.field, "%s %s", tc.method, tc.path)
	}
	r := s.Public().Do(t, "GET", "/v1/items/"+id, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "바뀐 제목", "the refused update changed nothing")
	for _, path := range []string{"/v1/items?kind=KIND_BOGUS", "/v1/items?page_size=99999999999", "/v1/items/" + id + "?view=ITEM_VIEW_BOGUS"} {
		r := s.Public().Do(t, "GET", path, nil)
		require.Equal(t, http.StatusBadRequest, r.Status, "%s: %s", path, r.Body)
	}
	require.Equal(t, http.StatusNotFound, s.Public().Do(t, "GET", "/v1/items/00000000-0000-0000-0000-000000000000", nil).Status)
}

// A4.2, A3.1.1: the service itself enforces who edits and who reads —
// another department's official cannot edit or archive, a citizen cannot
// ask for the editor view, and the public cannot see a draft's revisions.
func TestContentReviewAuthorizationThroughEdge(t *testing.T) {
	s := suite(t)
	official := s.Client(t, identity.Claims{Subject: "review-content-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	other := s.Client(t, identity.Claims{Subject: "review-content-culture", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CULTURE"})
	citizen := s.Client(t, identity.Claims{Subject: "review-content-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	id := contentReviewPublished(t, official, "review-authz")
	update := map[string]any{"department_code": "SMG-DIGITAL", "kind": "KIND_POLICY", "title": map[string]string{"ko": "남의 부서 수정"}}
	require.Equal(t, http.StatusForbidden, other.Do(t, "PATCH", "/v1/items/"+id, update).Status)
	require.Equal(t, http.StatusForbidden, other.Do(t, "POST", "/v1/items/"+id+":archive", map[string]any{}).Status)
	require.Equal(t, http.StatusForbidden, citizen.Do(t, "GET", "/v1/items/"+id+"?view=ITEM_VIEW_EDITOR", nil).Status)
	require.Equal(t, http.StatusUnauthorized, s.Public().Do(t, "POST", "/v1/items/"+id+"/feedback", map[string]any{"helpful": true}).Status)
	require.Equal(t, http.StatusForbidden, other.Do(t, "GET", "/v1/departments/SMG-DIGITAL/stale-items", nil).Status)
	require.Equal(t, http.StatusForbidden, official.Do(t, "PUT", "/v1/departments/SMG-DIGITAL", map[string]any{"name_ko": "탈취"}).Status)

	r := official.Do(t, "POST", "/v1/items", map[string]any{"request_id": "review-authz-draft", "department_code": "SMG-DIGITAL",
		"kind": "KIND_POLICY", "title": map[string]string{"ko": "비공개 초안"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var draft e2eItem
	r.JSON(t, &draft)
	require.Equal(t, http.StatusNotFound, s.Public().Do(t, "GET", "/v1/items/"+draft.ID+"/revisions", nil).Status)
	require.Equal(t, http.StatusNotFound, citizen.Do(t, "GET", "/v1/items/"+draft.ID, nil).Status)
	r = s.Public().Do(t, "GET", "/v1/items/"+id, nil)
	require.NotContains(t, string(r.Body), "남의 부서 수정")
}
