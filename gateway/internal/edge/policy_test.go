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
