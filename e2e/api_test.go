package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// editorItem is the editor's view of an item, every language included.
type editorItem struct {
	ID          string            `json:"id"`
	Slug        string            `json:"slug"`
	Kind        string            `json:"kind"`
	Etag        string            `json:"etag"`
	Tags        []string          `json:"tags"`
	Attachments []map[string]any  `json:"attachments"`
	Texts       []map[string]any  `json:"texts"`
	Department  map[string]string `json:"department"`
}

// A4.1 (the issue-13 defect): PATCH /v1/items/{id} with only a Korean
// title changes only that title. The summary, body, tags, slug,
// attachments and the whole English translation stay, and the revision
// names title.ko alone.
func TestPatchItemChangesOnlyTheFieldsInTheBody(t *testing.T) {
	s := suite(t)
	official := s.Client(t, identity.Claims{Subject: "api-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	r := official.Do(t, "POST", "/v1/items", map[string]any{"request_id": "api-patch", "department_code": "SMG-DIGITAL",
		"kind": "KIND_LIVING", "slug": "api-patch-item",
		"title":   map[string]string{"ko": "공공자전거 안내", "en": "Public bikes"},
		"summary": map[string]string{"ko": "따릉이 요약", "en": "Ttareungi summary"},
		"body":    map[string]string{"ko": "따릉이 본문입니다.", "en": "Ttareungi body."},
		"tags":    []string{"자전거"}, "attachments": []map[string]any{{"name": "안내.pdf", "url": "https://seoul.go.kr/b.pdf"}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var created editorItem
	r.JSON(t, &created)
	id := created.ID
	for _, verb := range []string{"submit", "publish"} {
		require.Equal(t, http.StatusOK, official.Do(t, "POST", "/v1/items/"+id+":"+verb, map[string]any{}).Status)
	}
	before := getEditorItem(t, official, id)

	r = official.Do(t, "PATCH", "/v1/items/"+id+"?change_note=title", map[string]any{"title": map[string]string{"ko": "공공자전거 이용 안내"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	after := getEditorItem(t, official, id)
	require.Equal(t, "공공자전거 이용 안내", after.Texts[1]["title"])
	after.Texts[1]["title"] = before.Texts[1]["title"]
	require.Equal(t, before.Texts, after.Texts, "summary, body and the English text unchanged")
	require.Equal(t, before.Tags, after.Tags)
	require.Equal(t, before.Slug, after.Slug)
	require.Equal(t, before.Kind, after.Kind)
	require.Equal(t, before.Attachments, after.Attachments)
	var revs struct {
		Revisions []struct {
			ChangedFields []string `json:"changed_fields"`
		} `json:"revisions"`
	}
	official.Do(t, "GET", "/v1/items/"+id+"/revisions", nil).JSON(t, &revs)
	require.Equal(t, []string{"title.ko"}, revs.Revisions[len(revs.Revisions)-1].ChangedFields)

	r = official.Do(t, "PATCH", "/v1/items/"+id, map[string]any{"titel": map[string]string{"ko": "오타"}})
	requireField(t, r, "titel")
}

// A3.1.1: two officials edit the same item. The one holding the older
// etag gets 412 (If-Match) and changes nothing; the public re-reads with
// If-None-Match and gets 304 while the item is unchanged.
func TestStaleIfMatchIsRefusedAndUnchangedReadsAre304(t *testing.T) {
	s := suite(t)
	official := s.Client(t, identity.Claims{Subject: "api-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	admin := s.Client(t, identity.Claims{Subject: "api-admin", Roles: []identity.Role{identity.RoleAdmin}})
	id := contentReviewPublished(t, official, "api-etag")
	read := s.Public().Do(t, "GET", "/v1/items/"+id, nil)
	require.Equal(t, http.StatusOK, read.Status)
	etag := read.Header.Get("ETag")
	require.NotEmpty(t, etag)

	first := official.DoWith(t, "PATCH", "/v1/items/"+id, map[string]any{"title": map[string]string{"ko": "첫 수정"}}, "If-Match", etag)
	require.Equal(t, http.StatusOK, first.Status, string(first.Body))
	second := admin.DoWith(t, "PATCH", "/v1/items/"+id, map[string]any{"title": map[string]string{"ko": "둘째 수정"}}, "If-Match", etag)
	require.Equal(t, http.StatusPreconditionFailed, second.Status, string(second.Body))
	archive := admin.DoWith(t, "POST", "/v1/items/"+id+":archive", map[string]any{}, "If-Match", etag)
	require.Equal(t, http.StatusPreconditionFailed, archive.Status, string(archive.Body))

	now := s.Public().Do(t, "GET", "/v1/items/"+id, nil)
	require.Contains(t, string(now.Body), "첫 수정")
	require.NotEqual(t, etag, now.Header.Get("ETag"))
	unchanged := s.Public().DoWith(t, "GET", "/v1/items/"+id, nil, "If-None-Match", now.Header.Get("ETag"))
	require.Equal(t, http.StatusNotModified, unchanged.Status)
	require.Empty(t, unchanged.Body)
	changed := s.Public().DoWith(t, "GET", "/v1/items/"+id, nil, "If-None-Match", etag)
	require.Equal(t, http.StatusOK, changed.Status)
}

func getEditorItem(t *testing.T, c *Client, id string) editorItem {
	t.Helper()
	r := c.Do(t, "GET", "/v1/items/"+id+"?view=ITEM_VIEW_EDITOR", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var it editorItem
	r.JSON(t, &it)
	return it
}

// A8.1: a new citizen's account shows a balance of 0 rather than leaving
// the field out, and no answer carries gRPC metadata as headers.
func TestZeroValuesPresentAndNoGRPCHeaders(t *testing.T) {
	s := suite(t)
	citizen := s.Client(t, identity.Claims{Subject: "api-new-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	r := citizen.Do(t, "GET", "/v1/mileage/accounts/me", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var acct map[string]any
	r.JSON(t, &acct)
	require.Equal(t, "0", acct["balance"], string(r.Body))
	for name := range r.Header {
		require.NotContains(t, strings.ToLower(name), "grpc-", "leaked header %s", name)
	}
}

// Routing answers as HTTP says: an empty id is no route (404), a wrong
// method is 405 naming the allowed ones, a form body is 415.
func TestRoutingStatuses(t *testing.T) {
	s := suite(t)
	require.Equal(t, http.StatusNotFound, s.Public().Do(t, "GET", "/v1/boards/", nil).Status)
	r := s.Public().Do(t, "DELETE", "/v1/boards", nil)
	require.Equal(t, http.StatusMethodNotAllowed, r.Status)
	require.Equal(t, "GET, POST", r.Header.Get("Allow"))
	r = s.Public().DoWith(t, "POST", "/dev/token", "subject=x", "Content-Type", "application/x-www-form-urlencoded")
	require.Equal(t, http.StatusUnsupportedMediaType, r.Status)
}
