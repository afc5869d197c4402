package docs

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gen/openapi"
)

// TestPolicyAllowsExactlyThePagesOwnScriptAndStyle recomputes the hashes a
// browser would, so an edit to the page cannot silently break it under CSP.
func TestPolicyAllowsExactlyThePagesOwnScriptAndStyle(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	Page(true).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/docs", nil))
	page, csp := rec.Body.String(), rec.Header().Get("Content-Security-Policy")

	for _, tag := range []string{"script", "style"} {
		blocks := regexp.MustCompile(`(?s)<`+tag+`>(.*?)</`+tag+`>`).FindAllStringSubmatch(page, -1)
		require.Len(t, blocks, 1, tag)
		sum := sha256.Sum256([]byte(blocks[0][1]))
		require.Contains(t, csp, tag+"-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	require.NotContains(t, page, "{{", "every placeholder is filled")
	require.False(t, strings.Contains(page, "<script src"), "no external scripts")
}

// The served document names the suite, not the first proto file the
// generator took its info block from, and is the committed contract as is.
func TestOpenAPINamesTheSuite(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	OpenAPI().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	var doc struct {
		Info  map[string]any `json:"info"`
		Paths map[string]any `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))
	require.Equal(t, "City of Seoul Homepage API", doc.Info["title"])
	require.Equal(t, "v1", doc.Info["version"])
	require.Contains(t, doc.Paths, "/v1/departments")
	require.Equal(t, openapi.Document, rec.Body.Bytes())
}

// Every operation's default response documents the edge's error shape,
// reason included, not the generator's google.rpc.Status.
func TestOpenAPIDocumentsTheErrorShape(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	OpenAPI().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	var doc struct {
		Definitions map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"definitions"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))
	props := doc.Definitions["Error"].Properties
	for _, p := range []string{"code", "status", "reason", "message", "request_id", "field_violations"} {
		require.Contains(t, props, p)
	}
	require.NotContains(t, props, "details")
	require.NotContains(t, doc.Definitions, "googleRpcStatus")
}
