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
