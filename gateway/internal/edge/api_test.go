package edge_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/gateway/internal/edge"
	"github.com/seoul-gov/homepage/platform/metrics"
)

func TestInvalidArgumentBecomes400WithFieldViolations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodGet, "/v1/boards", "", "X-Request-Id", "req-400")

	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	require.Equal(t, apierror.Body{
		Code: 3, Status: "INVALID_ARGUMENT", Message: "invalid argument", RequestID: "req-400",
		FieldViolations: []apierror.FieldViolation{{Field: "page_size", Description: "must be at most 100"}},
	}, decodeError(t, rec))
}

func TestUnknownRequestFieldsAreRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodPost, "/v1/boards", `{"name":"Free board","nmae":"typo"}`)

	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	require.Equal(t, "INVALID_ARGUMENT", decodeError(t, rec).Status)
}

func TestUnknownRoutesAnswerInTheErrorShape(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodGet, "/v1/no-such-thing", "", "X-Request-Id", "req-404")
	require.Equal(t, http.StatusNotFound, rec.Code)
	body := decodeError(t, rec)
	require.Equal(t, 5, body.Code)
	require.Equal(t, "NOT_FOUND", body.Status)
	require.Equal(t, "req-404", body.RequestID)

	rec = e.do(http.MethodDelete, "/v1/departments", "")
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	require.Equal(t, "UNIMPLEMENTED", decodeError(t, rec).Status)
}

func TestUnavailableUpstreamDoesNotLeakItsAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.upstreams["content"].stop()

	rec := e.do(http.MethodGet, "/v1/departments", "")

	require.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
	require.Equal(t, apierror.RetryAfterUnavailable, rec.Header().Get("Retry-After"), "clients are told when to retry")
	body := decodeError(t, rec)
	require.Equal(t, "UNAVAILABLE", body.Status)
	require.NotContains(t, rec.Body.String(), "127.0.0.1")
	require.Contains(t, e.logs.String(), "upstream unavailable", "the cause is logged instead")
}

func TestRequestTimeoutBecomes504(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(c *edge.Config) { c.RequestTimeout = 50 * time.Millisecond })

	// The upstream answers 200 after 300ms: only a timeout at the edge
	// turns that into a 504.
	rec := e.do(http.MethodGet, "/v1/complaint-types", "")

	require.Equal(t, http.StatusGatewayTimeout, rec.Code, rec.Body.String())
	require.Equal(t, "DEADLINE_EXCEEDED", decodeError(t, rec).Status)
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodGet, "/openapi.json", "")

	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	var doc struct {
		Swagger string                    `json:"swagger"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))
	require.Equal(t, "2.0", doc.Swagger)
	require.Contains(t, doc.Paths, "/v1/departments")
	require.Contains(t, doc.Paths["/v1/departments"], "get")

	etag := rec.Header().Get("ETag")
	require.NotEmpty(t, etag)
	rec = e.do(http.MethodGet, "/openapi.json", "", "If-None-Match", etag)
	require.Equal(t, http.StatusNotModified, rec.Code)

	// The same contract as OpenAPI 3, for client generators.
	rec = e.do(http.MethodGet, "/openapi3.json", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var v3 struct {
		OpenAPI    string                    `json:"openapi"`
		Paths      map[string]map[string]any `json:"paths"`
		Components struct {
			SecuritySchemes map[string]map[string]string `json:"securitySchemes"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v3))
	require.Equal(t, "3.0.3", v3.OpenAPI)
	require.Equal(t, len(doc.Paths), len(v3.Paths))
	require.Equal(t, "bearer", v3.Components.SecuritySchemes["bearer"]["scheme"])
}

func TestDocsPageIsSelfContained(t *testing.T) {
	t.Parallel()
	for _, dev := range []bool{false, true} {
		e := newEnv(t, func(c *edge.Config) { c.DevIssuerEnabled = dev })

		rec := e.do(http.MethodGet, "/docs", "")

		require.Equal(t, http.StatusOK, rec.Code)
		require.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
		page := rec.Body.String()
		require.Contains(t, page, "<!doctype html>")
		require.Contains(t, page, "/openapi.json")
		require.Contains(t, page, "/dev/token")
		require.Contains(t, page, `data-dev-issuer="`+map[bool]string{false: "false", true: "true"}[dev]+`"`)
		require.NotRegexp(t, regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?\s*(https?:)?//`), page, "no external assets")
		require.NotRegexp(t, regexp.MustCompile(`(?i)https?://`), page, "no external URLs at all")
		require.NotRegexp(t, regexp.MustCompile(`(?i)@import|url\(`), page, "no stylesheet imports")

		csp := rec.Header().Get("Content-Security-Policy")
		require.Contains(t, csp, "default-src 'none'")
		require.Regexp(t, `script-src 'sha256-[A-Za-z0-9+/=]+'`, csp)
		require.NotContains(t, csp, "unsafe-inline")
	}
}

func TestRequestMetricsAreRecordedByRoutePattern(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	e.do(http.MethodGet, "/v1/departments", "")
	e.do(http.MethodGet, "/nope/"+strings.Repeat("x", 10), "")

	families, err := metrics.Registry.Gather()
	require.NoError(t, err)
	routes := map[string]bool{}
	for _, f := range families {
		if f.GetName() != "gateway_http_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "route" {
					routes[l.GetValue()] = true
				}
			}
		}
	}
	require.True(t, routes["/v1/departments"], "%v", routes)
	require.True(t, routes["unmatched"], "%v", routes)
	require.False(t, routes["/nope/xxxxxxxxxx"], "raw paths never become labels")
}

// TestOpenAPIDocumentsTheWireFieldNames guards the contract: the edge
// marshals proto field names (name_ko), so the document must list those,
// not protoc-gen-openapiv2's default lowerCamelCase (nameKo), which
// json_names_for_fields=false in buf.gen.openapi.yaml ensures.
func TestOpenAPIDocumentsTheWireFieldNames(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var doc struct {
		Definitions map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"definitions"`
	}
	require.NoError(t, json.Unmarshal(e.do(http.MethodGet, "/openapi.json", "").Body.Bytes(), &doc))
	props := doc.Definitions["Department"].Properties
	require.NotEmpty(t, props)

	require.NotContains(t, props, "nameKo", "set json_names_for_fields=false in buf.gen.openapi.yaml and regenerate")
	require.Contains(t, props, "name_ko")
}
