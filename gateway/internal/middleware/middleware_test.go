package middleware_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/gateway/internal/middleware"
	"github.com/seoul-gov/homepage/platform/identity"
)

func TestSaneRequestID(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{
		"abc-DEF_123": true, strings.Repeat("x", 64): true,
		"": false, strings.Repeat("x", 65): false, "a b": false, "a/b": false, "ünï": false, "a\r\nSet-Cookie: x": false,
	}
	for id, want := range cases {
		require.Equal(t, want, middleware.SaneRequestID(id), "%q", id)
	}
}

func TestValidOrigin(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{
		"*": true, "https://www.seoul.go.kr": true, "http://localhost:5173": true,
		"www.seoul.go.kr": false, "https://": false, "https://a.kr/": false, "https://a.kr/path": false,
		"ftp://a.kr": false, "https://user@a.kr": false,
	}
	for o, want := range cases {
		require.Equal(t, want, middleware.ValidOrigin(o), "%q", o)
	}
}

func TestChainAppliesTheFirstMiddlewareOutermost(t *testing.T) {
	t.Parallel()
	var order []string
	mw := func(name string) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				order = append(order, name)
				next.ServeHTTP(w, r)
			})
		}
	}
	h := middleware.Chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { order = append(order, "handler") }),
		mw("a"), mw("b"))

	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))

	require.Equal(t, []string{"a", "b", "handler"}, order)
}

func TestRecoverAnswersPanicsWith500(t *testing.T) {
	t.Parallel()
	h := middleware.Chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }),
		middleware.RequestID, middleware.Recover(slog.New(slog.NewTextHandler(io.Discard, nil))))
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("X-Request-Id", "panic-1")
	rec := httptest.NewRecorder()

	h.ServeHTTP(rec, req)

	require.Equal(t, http.StatusInternalServerError, rec.Code)
	var body apierror.Body
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
	require.Equal(t, "INTERNAL", body.Status)
	require.Equal(t, "panic-1", body.RequestID)
	require.NotContains(t, body.Message, "boom", "panic values are logged, not sent")
}

// A10.1: personal data typed into a path where an ID belongs is masked in
// the access log; IDs and words are logged as they came.
func TestAccessLogMasksPersonalDataInThePath(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	h := middleware.Observe(slog.New(slog.NewJSONHandler(&logs, nil)))(http.NotFoundHandler())
	for _, path := range []string{"/v1/items/010-7777-8888", "/v1/privacy/subjects/hong.gildong@example.org/masked",
		"/v1/complaints/900101-1234568:answer", "/v1/items/01a248c5-debb-7634-8ed7-34ff0aeeb7aa:publish", "/v1/boards/b1/posts"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
	}

	for _, secret := range []string{"7777-8888", "hong.gildong", "900101", "1234568"} {
		require.NotContains(t, logs.String(), secret)
	}
	require.Contains(t, logs.String(), `"path":"/v1/items/010-****-8888"`)
	require.Contains(t, logs.String(), `"path":"/v1/items/01a248c5-debb-7634-8ed7-34ff0aeeb7aa:publish"`)
	require.Contains(t, logs.String(), `"path":"/v1/boards/b1/posts"`)
}

func TestLimitsBoundTimeAndBody(t *testing.T) {
	t.Parallel()
	var deadline time.Time
	var readErr error
	h := middleware.Limits(time.Minute, 8)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		deadline, _ = r.Context().Deadline()
		_, readErr = io.ReadAll(r.Body)
	}))

	before := time.Now()
	streamed := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("0123456789"))
	streamed.ContentLength = -1 // chunked: the length is known only by reading
	h.ServeHTTP(httptest.NewRecorder(), streamed)
	after := time.Now()

	require.False(t, deadline.Before(before.Add(time.Minute)) || deadline.After(after.Add(time.Minute)),
		"the deadline is the timeout after the request arrived: %v", deadline)
	require.Error(t, readErr, "a body over the limit cannot be read")

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("0123456789")))
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, "a declared length over the limit is refused at once")
}

func TestJSONBodiesRefusesOtherMediaTypes(t *testing.T) {
	t.Parallel()
	h := middleware.JSONBodies(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	for ct, want := range map[string]int{
		"application/json": http.StatusNoContent, "application/json; charset=utf-8": http.StatusNoContent,
		"application/merge-patch+json": http.StatusNoContent, "": http.StatusNoContent,
		"application/x-www-form-urlencoded": http.StatusUnsupportedMediaType, "text/plain": http.StatusUnsupportedMediaType,
	} {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"a":1}`))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, want, rec.Code, ct)
	}
}

func TestClientKeyPrefersTheSubject(t *testing.T) {
	t.Parallel()
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.RemoteAddr = "203.0.113.7:51234"
	req.Header.Set("X-Forwarded-For", "198.51.100.1")
	require.Equal(t, "203.0.113.7", middleware.ClientKey(req), "X-Forwarded-For is not trusted")

	req = req.WithContext(identity.With(req.Context(), identity.Claims{Subject: "citizen-3"}))
	require.Equal(t, "sub:citizen-3", middleware.ClientKey(req))
}

func TestInvalidUTF8IsBadRequestNamingTheParameter(t *testing.T) {
	t.Parallel()
	reached := false
	h := middleware.ValidUTF8(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached = true }))
	for target, named := range map[string]string{
		"/v1/items/%FF":                 `"field":"path"`,
		"/v1/items?query=%FE%FF":        `"field":"query"`,
		"/open311/v2/requests/%FF.json": `[{"code":400,"description":"path: `, // GeoReport's error list
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		require.Equal(t, http.StatusBadRequest, rec.Code, target)
		require.Contains(t, rec.Body.String(), named, target)
	}
	require.False(t, reached)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/items:search?query=%EB%94%B0%EB%A6%89%EC%9D%B4", nil))
	require.True(t, reached, "valid Korean passes")
}
