package e2e

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

type e2eItem struct {
	ID         string `json:"id"`
	Status     string `json:"status"`
	TextState  string `json:"text_state"`
	Text       struct{ Language, Title string }
	Department struct {
		Code  string `json:"code"`
		Phone string `json:"phone"`
	} `json:"department"`
}

// A3.1.1, A4.2, A2: an official publishes through the edge; the public
// reads it with its department's contact and, in a language it lacks,
// gets Korean marked untranslated. Bad input is a 400 naming the field.
func TestContentPublishAndReadThroughEdge(t *testing.T) {
	s := suite(t)
	official := s.Client(t, identity.Claims{Subject: "e2e-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	bad := official.Do(t, "POST", "/v1/items", map[string]any{"department_code": "SMG-DIGITAL", "kind": "KIND_POLICY",
		"title": map[string]string{"ko": "", "en": "No Korean"}})
	require.Equal(t, http.StatusBadRequest, bad.Status, string(bad.Body))
	require.Contains(t, string(bad.Body), `"title.ko"`)

	r := official.Do(t, "POST", "/v1/items", map[string]any{"request_id": "e2e-content-1", "department_code": "SMG-DIGITAL",
		"kind": "KIND_POLICY", "title": map[string]string{"ko": "서울 데이터 개방 정책"}, "tags": []string{"데이터"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var item e2eItem
	r.JSON(t, &item)
	id := item.ID
	require.Equal(t, http.StatusNotFound, s.Public().Do(t, "GET", "/v1/items/"+id, nil).Status, "drafts are not public")
	for _, verb := range []string{"submit", "publish"} {
		r = official.Do(t, "POST", "/v1/items/"+id+":"+verb, map[string]any{})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	}

	r = s.Public().Do(t, "GET", "/v1/items/"+id+"?language=ja", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r.JSON(t, &item)
	require.Equal(t, "ITEM_STATUS_PUBLISHED", item.Status)
	require.Equal(t, "SMG-DIGITAL", item.Department.Code)
	require.NotEmpty(t, item.Department.Phone)
	require.Equal(t, "TEXT_STATE_UNTRANSLATED", item.TextState)
	require.Equal(t, "서울 데이터 개방 정책", item.Text.Title)
}

// A3.1.2, A2: the sample's regional information (the public bike guide) is
// found by a Korean search through the edge, and the sample's stale
// English translation is served as Korean, marked.
func TestContentKoreanSearchAndStaleTranslationThroughEdge(t *testing.T) {
	s := suite(t)
	r := s.Public().Do(t, "GET", "/v1/items:search?query="+url.QueryEscape("따릉이"), nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var found struct {
		Items []struct {
			Slug string `json:"slug"`
		} `json:"items"`
	}
	r.JSON(t, &found)
	require.NotEmpty(t, found.Items)
	require.Equal(t, "ttareungyi-public-bike", found.Items[0].Slug)

	r = s.Public().Do(t, "GET", "/v1/items:lookup?slug=dasan-call-center-120&language=en", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var item e2eItem
	r.JSON(t, &item)
	require.Equal(t, "TEXT_STATE_STALE", item.TextState)
	require.Equal(t, "ko", item.Text.Language)

	r = s.Public().Do(t, "GET", "/v1/items:lookup?slug=ttareungyi-public-bike&language=en", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r.JSON(t, &item)
	require.Equal(t, "TEXT_STATE_CURRENT", item.TextState)
	require.Equal(t, "Ttareungyi: Seoul Public Bike Guide", item.Text.Title)
}
