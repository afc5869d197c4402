package edge_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gateway/internal/edge"
	"github.com/seoul-gov/homepage/platform/identity"
)

func TestRateLimitAnswers429WithRetryAfter(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(c *edge.Config) { c.RateLimitRPS, c.RateLimitBurst = 0.5, 2 })

	for i := range 2 {
		require.Equal(t, http.StatusOK, e.do(http.MethodGet, "/openapi.json", "").Code, "request %d is within the burst", i)
	}
	rec := e.do(http.MethodGet, "/openapi.json", "")

	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	retry, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	require.NoError(t, err)
	require.InDelta(t, 2, retry, 1, "one token every two seconds")
	require.Equal(t, "RESOURCE_EXHAUSTED", decodeError(t, rec).Status)

	// Each signed-in subject has its own bucket, even from the same address.
	tok := e.mint(identity.Claims{Subject: "citizen-1"}, time.Hour)
	require.Equal(t, http.StatusOK, e.do(http.MethodGet, "/openapi.json", "", "Authorization", "Bearer "+tok).Code)
	// Probes are never limited.
	require.Equal(t, http.StatusOK, e.do(http.MethodGet, "/healthz", "").Code)
}

// Invalid tokens are throttled per client address before they are
// verified: a flood of forged tokens gets 429s, not a signature check each
// (they used to skip the limiter, 300 × 401 at 600 req/s). Signed-in
// clients sharing the address keep their own per-subject buckets within
// the address's larger allowance.
func TestRateLimitPerAddressComesBeforeAuthentication(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(c *edge.Config) { c.AddressRateLimitRPS, c.AddressRateLimitBurst = 0.5, 3 })
	codes := map[int]int{}
	for range 10 {
		codes[e.do(http.MethodGet, "/v1/departments", "", "Authorization", "Bearer not.a.token").Code]++
	}
	require.Equal(t, map[int]int{http.StatusUnauthorized: 3, http.StatusTooManyRequests: 7}, codes)
	calls, _ := e.content.last()
	require.Zero(t, calls, "nothing reached the service")

	tok := e.mint(identity.Claims{Subject: "citizen-2"}, time.Hour)
	rec := e.do(http.MethodGet, "/v1/departments", "", "Authorization", "Bearer "+tok)
	require.Equal(t, http.StatusTooManyRequests, rec.Code, "the address used up its allowance")
	require.NotEmpty(t, rec.Header().Get("Retry-After"))
}

// A10.1: every answer to a signed-in request — personal data, the
// caller's own or plaintext from the vault — is marked no-store, errors
// included; public answers are left to their handlers.
func TestSignedInAnswersAreNeverStored(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.mint(identity.Claims{Subject: "citizen-3", Roles: []identity.Role{identity.RoleCitizen}}, time.Hour)
	for _, path := range []string{"/v1/departments", "/v1/no-such-route"} {
		rec := e.do(http.MethodGet, path, "", "Authorization", "Bearer "+tok)
		require.Equal(t, "no-store", rec.Header().Get("Cache-Control"), path)
		require.Contains(t, rec.Header().Values("Vary"), "Authorization", path)
	}
	rec := e.do(http.MethodGet, "/v1/departments", "")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Empty(t, rec.Header().Get("Cache-Control"), "a public answer may be cached")
}

func withOrigins(origins ...string) option {
	return func(c *edge.Config) { c.CORSAllowedOrigins = origins }
}

func TestCORSPreflightForAllowedOrigin(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withOrigins("https://www.seoul.go.kr", " https://news.seoul.go.kr"))

	for _, origin := range []string{"https://www.seoul.go.kr", "https://news.seoul.go.kr"} {
		rec := e.do(http.MethodOptions, "/v1/departments", "", "Origin", origin,
			"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization")

		require.Equal(t, http.StatusNoContent, rec.Code)
		require.Equal(t, origin, rec.Header().Get("Access-Control-Allow-Origin"))
		require.Contains(t, rec.Header().Get("Access-Control-Allow-Headers"), "Authorization")
		require.Contains(t, rec.Header().Get("Access-Control-Allow-Methods"), "POST")
		require.Contains(t, rec.Header().Values("Vary"), "Origin")
	}

	rec := e.do(http.MethodGet, "/v1/departments", "", "Origin", "https://www.seoul.go.kr")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "https://www.seoul.go.kr", rec.Header().Get("Access-Control-Allow-Origin"))
	require.Contains(t, rec.Header().Get("Access-Control-Expose-Headers"), "X-Request-Id")
}

func TestCORSRefusesOtherOrigins(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withOrigins("https://www.seoul.go.kr"))

	rec := e.do(http.MethodOptions, "/v1/departments", "", "Origin", "https://evil.example",
		"Access-Control-Request-Method", "GET")
	require.Equal(t, http.StatusForbidden, rec.Code)
	require.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
	require.Equal(t, "PERMISSION_DENIED", decodeError(t, rec).Status)

	rec = e.do(http.MethodGet, "/v1/departments", "", "Origin", "https://evil.example")
	require.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"), "the browser will withhold the response")
}

func TestNoCORSWhenNoOriginsAreConfigured(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodOptions, "/v1/departments", "", "Origin", "https://www.seoul.go.kr",
		"Access-Control-Request-Method", "GET")

	require.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
	require.GreaterOrEqual(t, rec.Code, 400)
}
