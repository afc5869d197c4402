package edge_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
)

// A PATCH changes only the fields present in its body: the edge names
// them in update_mask (AIP-134), map keys one by one, so title.ko does not
// replace the other languages' titles.
func TestPatchBodyBecomesTheUpdateMask(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodPatch, "/v1/items/it-1?change_note=typo",
		`{"title":{"ko":"새 제목"},"tags":[],"departmentCode":"D100"}`)

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	req := e.content.lastRequest().(*contentv1.UpdateItemRequest)
	require.Equal(t, []string{"department_code", "tags", "title.ko"}, req.GetUpdateMask().GetPaths())
	require.Equal(t, "새 제목", req.GetItem().GetTitle()["ko"])
	require.Equal(t, "typo", req.GetChangeNote())

	rec = e.do(http.MethodPatch, "/v1/items/it-1?update_mask=slug", `{"slug":"a","tags":["x"]}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	req = e.content.lastRequest().(*contentv1.UpdateItemRequest)
	require.Equal(t, []string{"slug"}, req.GetUpdateMask().GetPaths(), "an explicit mask is the client's")
}

// If-Match becomes the request's etag, in the query for a PATCH and in the
// body of a custom method; a stale one is 412, a stale etag field 409.
func TestIfMatchBecomesTheEtag(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodPatch, "/v1/items/it-1", `{"slug":"a"}`, "If-Match", `"8"`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "8", e.content.lastRequest().(*contentv1.UpdateItemRequest).GetEtag())
	require.Equal(t, `"9"`, rec.Header().Get("ETag"), "the new state's etag")

	rec = e.do(http.MethodPost, "/v1/items/it-1:publish", `{}`, "If-Match", `"8"`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "8", e.content.lastRequest().(*contentv1.PublishItemRequest).GetEtag())

	rec = e.do(http.MethodPatch, "/v1/items/it-1", `{"slug":"a"}`, "If-Match", `"7"`)
	require.Equal(t, http.StatusPreconditionFailed, rec.Code, rec.Body.String())
	require.Equal(t, "ABORTED", decodeError(t, rec).Status)

	rec = e.do(http.MethodPatch, "/v1/items/it-1?etag=7", `{"slug":"a"}`)
	require.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())

	rec = e.do(http.MethodPost, "/v1/items/it-1:publish", `{"etag":"6"}`, "If-Match", `"8"`)
	require.Equal(t, http.StatusBadRequest, rec.Code, "If-Match and the body disagree")
}

// A GET answers with the resource's ETag, and 304 without a body to a
// client that already holds that state.
func TestGetAnswersNotModifiedForTheCurrentEtag(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodGet, "/v1/items/it-1", "")
	require.Equal(t, http.StatusOK, rec.Code)
	tag := rec.Header().Get("ETag")
	require.Regexp(t, `^"8\.[0-9a-f]{8}"$`, tag, "the item's etag and a digest of the whole answer")

	rec = e.do(http.MethodGet, "/v1/items/it-1", "", "If-None-Match", `"7", W/`+tag)
	require.Equal(t, http.StatusNotModified, rec.Code)
	require.Empty(t, rec.Body.Bytes())
	require.Equal(t, tag, rec.Header().Get("ETag"))

	rec = e.do(http.MethodPatch, "/v1/items/it-1", `{"slug":"a"}`, "If-Match", tag)
	require.Equal(t, http.StatusOK, rec.Code, "If-Match with a read's ETag names the item's etag")
	require.Equal(t, "8", e.content.lastRequest().(*contentv1.UpdateItemRequest).GetEtag())

	rec = e.do(http.MethodGet, "/v1/items/it-1", "", "If-None-Match", `"8"`)
	require.Equal(t, http.StatusOK, rec.Code)
	require.NotEmpty(t, rec.Body.Bytes())
}

// An empty path variable is no route: GET /v1/boards/ is 404, not a
// request for the board "".
func TestEmptyPathVariableIsNotFound(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, path := range []string{"/v1/boards/", "/v1/items/"} {
		rec := e.do(http.MethodGet, path, "")
		require.Equal(t, http.StatusNotFound, rec.Code, path)
		require.Equal(t, "NOT_FOUND", decodeError(t, rec).Status)
	}
}

// A known path with the wrong method is 405 naming the allowed methods.
func TestWrongMethodIs405WithAllow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodDelete, "/v1/items/it-1", "")
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	require.Equal(t, "GET, PATCH", rec.Header().Get("Allow"))

	rec = e.do(http.MethodPost, "/healthz", "")
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	require.Equal(t, "GET", rec.Header().Get("Allow"))
}

// A violation of the body field of a PATCH (item.slug over gRPC) names the
// field as the REST client wrote it (slug); request fields keep their name.
func TestViolationsNameFieldsAsTheBodyHasThem(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := e.do(http.MethodPatch, "/v1/items/it-1?change_note=x", `{"slug":"Bad Slug"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	body := decodeError(t, rec)
	require.Equal(t, "slug", body.FieldViolations[0].Field)
	require.Equal(t, "change_note", body.FieldViolations[1].Field)
}

// A read without a resource etag (a list) still answers 304 while its
// content is unchanged, with a weak ETag that If-Match never accepts.
func TestListsAnswerNotModifiedWhileUnchanged(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := e.do(http.MethodGet, "/v1/departments", "")
	require.Equal(t, http.StatusOK, rec.Code)
	tag := rec.Header().Get("ETag")
	require.True(t, strings.HasPrefix(tag, `W/"`), tag)
	again := e.do(http.MethodGet, "/v1/departments", "", "If-None-Match", tag)
	require.Equal(t, http.StatusNotModified, again.Code)
	other := e.do(http.MethodGet, "/v1/departments", "", "If-None-Match", `W/"0000"`)
	require.Equal(t, http.StatusOK, other.Code)
}
