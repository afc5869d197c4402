package edge_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// No gRPC metadata reaches HTTP clients as headers (it is the edge's, not
// theirs): no Grpc-Metadata-Content-Type: application/grpc on answers.
func TestNoGRPCMetadataHeadersLeak(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := e.do(http.MethodGet, "/v1/departments", "")
	require.Equal(t, http.StatusOK, rec.Code)
	for name := range rec.Header() {
		require.False(t, strings.HasPrefix(strings.ToLower(name), "grpc-"), "leaked header %s", name)
	}
}

// A body over 1 MiB is 413 whether its length was declared or streamed,
// and a body that is not JSON is 415.
func TestBodyTooLargeIs413AndNotJSONIs415(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	big := `{"title":{"ko":"` + strings.Repeat("가", 1<<19) + `"}}`
	rec := e.do(http.MethodPatch, "/v1/items/it-1", big)
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)

	req := httptest.NewRequest(http.MethodPatch, "/v1/items/it-1", strings.NewReader(big))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	streamed := httptest.NewRecorder()
	e.handler.ServeHTTP(streamed, req)
	require.Equal(t, http.StatusRequestEntityTooLarge, streamed.Code, streamed.Body.String())
	require.Nil(t, e.content.lastRequest(), "nothing reached the service")

	form := e.do(http.MethodPost, "/v1/items", "", "Content-Type", "application/x-www-form-urlencoded")
	require.NotEqual(t, http.StatusUnsupportedMediaType, form.Code, "an empty body has no media type to refuse")
	req = httptest.NewRequest(http.MethodPost, "/v1/boards", strings.NewReader("name=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec = httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	require.Equal(t, http.StatusUnsupportedMediaType, rec.Code)
	require.Equal(t, "INVALID_ARGUMENT", decodeError(t, rec).Status)
}

// The edge's own errors are Korean by default and English on
// Accept-Language: en, with a stable reason; the caller's language reaches
// the services as accept-language metadata, so theirs are too.
func TestErrorsSpeakTheCallersLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ko := decodeError(t, e.do(http.MethodGet, "/v1/no-such-thing", ""))
	require.Equal(t, "ROUTE_NOT_FOUND", ko.Reason)
	require.Contains(t, ko.Message, "API가 없습니다")
	en := decodeError(t, e.do(http.MethodGet, "/v1/no-such-thing", "", "Accept-Language", "en-GB,en;q=0.9"))
	require.Equal(t, "ROUTE_NOT_FOUND", en.Reason)
	require.Equal(t, "There is no endpoint at /v1/no-such-thing; see /docs.", en.Message)

	rec := e.do(http.MethodGet, "/v1/departments", "", "Accept-Language", "en")
	require.Equal(t, http.StatusOK, rec.Code)
	_, md := e.content.last()
	require.Equal(t, []string{"en"}, md.Get("accept-language"))

	bad := decodeError(t, e.do(http.MethodPost, "/v1/boards", `{"nmae":"x"}`, "Accept-Language", "en"))
	require.Equal(t, "UNKNOWN_FIELD", bad.FieldViolations[0].Reason)
	require.Equal(t, "nmae", bad.FieldViolations[0].Field)
	require.Equal(t, "Unknown field; check its name.", bad.FieldViolations[0].Description)
}

// A time that is not RFC 3339 is refused naming its full path, with an
// example of the expected form and never Go's layout string.
func TestBadTimesAreRefusedWithAnExample(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := e.do(http.MethodPatch, "/v1/participation-events/ev-1", `{"entry_start_time":"2026-13-01","operating_details":{"draw_time":5}}`)
	body := decodeError(t, rec)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Len(t, body.FieldViolations, 2)
	require.Equal(t, "entry_start_time", body.FieldViolations[0].Field)
	require.Equal(t, "operating_details.draw_time", body.FieldViolations[1].Field)
	require.Equal(t, "INVALID_TIME", body.FieldViolations[0].Reason)
	require.Contains(t, body.FieldViolations[0].Description, "2026-03-01T09:00:00+09:00")

	rec = e.do(http.MethodGet, "/v1/scorecards?start_time=yesterday", "")
	body = decodeError(t, rec)
	require.Equal(t, "start_time", body.FieldViolations[0].Field)
	require.NotContains(t, rec.Body.String(), "2006-01-02")
}

// The services get the caller's token, request id and language and no
// other header of the request: not its cookies, its user agent or the
// client's address (issue 17: each key costs both sides on every call).
func TestUpstreamsGetOnlyTheMetadataTheyRead(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := e.do(http.MethodGet, "/v1/departments", "", "Cookie", "session=abc", "User-Agent", "browser",
		"Accept-Language", "en", "X-Forwarded-For", "198.51.100.1", "X-Request-Id", "req-1")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	_, md := e.content.last()
	require.Equal(t, []string{"req-1"}, md.Get("x-request-id"))
	require.Equal(t, []string{"en"}, md.Get("accept-language"))
	for key := range md {
		require.False(t, strings.HasPrefix(key, "grpcgateway-") || strings.HasPrefix(key, "x-forwarded-"),
			"forwarded %s: %v", key, md.Get(key))
	}
}
