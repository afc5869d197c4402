package auth_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gateway/internal/auth"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
)

// verifierFunc adapts a function to auth.Verifier.
type verifierFunc func(string) (identity.Claims, error)

func (f verifierFunc) Verify(raw string) (identity.Claims, error) { return f(raw) }

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

func serve(v auth.Verifier, header string) (*httptest.ResponseRecorder, identity.Claims) {
	var seen identity.Claims
	h := auth.Middleware(v, discard)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		seen = identity.From(r.Context())
	}))
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	if header != "" {
		req.Header.Set("Authorization", header)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec, seen
}

func TestMiddlewarePutsVerifiedClaimsInTheContext(t *testing.T) {
	t.Parallel()
	v := verifierFunc(func(raw string) (identity.Claims, error) {
		require.Equal(t, "tok", raw)
		return identity.Claims{Subject: "citizen-1"}, nil
	})

	rec, seen := serve(v, "bearer tok")

	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "citizen-1", seen.Subject)
}

func TestMiddlewareLeavesAnonymousCallersAlone(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	v := verifierFunc(func(string) (identity.Claims, error) {
		calls.Add(1)
		return identity.Claims{}, errors.New("not called")
	})

	rec, seen := serve(v, "")

	require.Equal(t, http.StatusOK, rec.Code)
	require.True(t, seen.Anonymous())
	require.Zero(t, calls.Load(), "no token, nothing to verify")
}

func TestUnreadableKeysAre503NotA401(t *testing.T) {
	t.Parallel()
	v := verifierFunc(func(string) (identity.Claims, error) {
		return identity.Claims{}, errs.Wrap(errs.KindUnavailable, errors.New("jwks: connection refused"), "signing keys unavailable")
	})

	rec, _ := serve(v, "Bearer tok")

	require.Equal(t, http.StatusServiceUnavailable, rec.Code, "the client's token may be fine; it should retry")
	require.NotContains(t, rec.Body.String(), "connection refused")
}
