package edge_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

func TestAnonymousRequestPassesThrough(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodGet, "/v1/departments", "")

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"departments":[{"code":"D100","name_ko":"기획조정실","name_en":"Planning and Coordination Office",
		"parent_code":"","phone":"","email":"","etag":""}]}`, rec.Body.String(), "proto field names, zero values present")
	calls, md := e.content.last()
	require.Equal(t, 1, calls)
	require.Empty(t, md.Get("authorization"), "anonymous calls carry no token")
	require.Empty(t, md.Get("x-calling-service"), "no unsigned claim about the caller; mutual TLS proves it")
}

func TestInvalidTokensAreRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	foreign, err := identity.NewIssuer(testIssuer, testAudience)
	require.NoError(t, err)
	forged, err := foreign.Mint(identity.Claims{Subject: "mallory", Roles: []identity.Role{identity.RoleAdmin}}, time.Hour)
	require.NoError(t, err)

	cases := map[string]string{
		"garbage":      "Bearer not-a-jwt",
		"wrong scheme": "Basic dXNlcjpwYXNz",
		"empty bearer": "Bearer ",
		"expired":      "Bearer " + e.mint(identity.Claims{Subject: "c-1"}, -time.Hour),
		"forged":       "Bearer " + forged,
	}
	for name, header := range cases {
		t.Run(name, func(t *testing.T) {
			rec := e.do(http.MethodGet, "/v1/departments", "", "Authorization", header)

			require.Equal(t, http.StatusUnauthorized, rec.Code, rec.Body.String())
			body := decodeError(t, rec)
			require.Equal(t, 16, body.Code)
			require.Equal(t, "UNAUTHENTICATED", body.Status)
			require.NotEmpty(t, body.Message)
			require.Equal(t, rec.Header().Get("X-Request-Id"), body.RequestID)
			require.Contains(t, rec.Header().Get("WWW-Authenticate"), "Bearer")
		})
	}
	calls, _ := e.content.last()
	require.Zero(t, calls, "a refused request never reaches the upstream")
}

func TestTwoAuthorizationHeadersAreRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.mint(identity.Claims{Subject: "c-1"}, time.Hour)

	rec := e.do(http.MethodGet, "/v1/departments", "", "Authorization", "Bearer "+tok, "Authorization", "Bearer "+tok)

	require.Equal(t, http.StatusUnauthorized, rec.Code)
}

func TestValidTokenAndRequestIDReachTheUpstream(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.mint(identity.Claims{Subject: "official-7", Roles: []identity.Role{identity.RoleOfficial}, Department: "D100"}, time.Hour)

	rec := e.do(http.MethodGet, "/v1/departments", "", "Authorization", "Bearer "+tok, "X-Request-Id", "trace-abc_123")

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "trace-abc_123", rec.Header().Get("X-Request-Id"))
	_, md := e.content.last()
	require.Equal(t, []string{"Bearer " + tok}, md.Get("authorization"), "exactly the caller's token, once")
	require.Equal(t, []string{"trace-abc_123"}, md.Get("x-request-id"), "exactly the edge's request id, once")
}

func TestRequestIDIsAdoptedOnlyWhenSane(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	long := strings.Repeat("a", 65)
	cases := []struct {
		name, sent string
		kept       bool
	}{
		{"sane", "Req-42_x", true},
		{"64 chars", long[:64], true},
		{"too long", long, false},
		{"bad characters", "id with spaces", false},
		{"header injection", "a\"b<c>", false},
		{"absent", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := e.do(http.MethodGet, "/healthz", "", "X-Request-Id", c.sent)
			got := rec.Header().Get("X-Request-Id")
			require.NotEmpty(t, got)
			if c.kept {
				require.Equal(t, c.sent, got)
			} else {
				require.NotEqual(t, c.sent, got)
				require.Regexp(t, `^[A-Za-z0-9_-]{1,64}$`, got)
			}
		})
	}
}

func TestAccessLogNamesSubjectRouteAndRequestID(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.mint(identity.Claims{Subject: "citizen-9"}, time.Hour)

	e.do(http.MethodGet, "/v1/departments", "", "Authorization", "Bearer "+tok, "X-Request-Id", "log-me-1")

	var entry map[string]any
	for _, line := range strings.Split(e.logs.String(), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) == nil && m["msg"] == "http request" {
			entry = m
		}
	}
	require.NotNil(t, entry, e.logs.String())
	require.Equal(t, "GET", entry["method"])
	require.Equal(t, "/v1/departments", entry["path"])
	require.Equal(t, "/v1/departments", entry["route"])
	require.EqualValues(t, 200, entry["status"])
	require.Equal(t, "citizen-9", entry["subject"])
	require.Equal(t, "log-me-1", entry["request_id"])
	require.Contains(t, entry, "duration_ms")
	require.Contains(t, entry, "bytes")
}
