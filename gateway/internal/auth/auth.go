// Package auth checks bearer tokens at the edge and serves the development
// token issuer. The edge checks tokens only to refuse bad ones early and to
// know whom to rate-limit; every service verifies the same token again and
// enforces its own rules, so nothing here grants access to anything.
package auth

import (
	"log/slog"
	"net/http"

	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/gateway/internal/middleware"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/identity"
)

// Verifier checks a compact JWT; *identity.Verifier implements it (issuer,
// audience, expiry and the signature-algorithm allow-list).
type Verifier interface {
	Verify(raw string) (identity.Claims, error)
}

// Middleware lets requests without an Authorization header through as the
// anonymous public (each service decides what the public may do) and
// refuses a present but invalid token with 401 rather than downgrading the
// caller to anonymous, so a client never silently loses its rights. A valid
// token's claims are put in the request context.
//
// The Authorization header itself reaches the upstream unchanged:
// grpc-gateway copies it into the outgoing gRPC metadata as
// "authorization", where the service verifies it again.
func Middleware(v Verifier, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			values := r.Header.Values("Authorization")
			if len(values) == 0 {
				next.ServeHTTP(w, r)
				return
			}
			claims, st := verify(r, v, values, log)
			if st != nil {
				apierror.Write(w, r, st)
				return
			}
			middleware.SetSubject(r.Context(), claims.Subject)
			next.ServeHTTP(w, r.WithContext(identity.With(r.Context(), claims)))
		})
	}
}

// verify returns the claims of the single bearer token in values, or the
// status to refuse the request with.
func verify(r *http.Request, v Verifier, values []string, log *slog.Logger) (identity.Claims, *status.Status) {
	// Two Authorization headers could make the edge and a service check
	// different tokens; refuse the ambiguity.
	if len(values) > 1 {
		return identity.Claims{}, grpcserver.StatusOf(apierror.InLanguage(r), errs.Unauthenticated("AUTHORIZATION_TWICE"))
	}
	raw, ok := identity.BearerToken(values[0])
	if !ok || raw == "" {
		return identity.Claims{}, grpcserver.StatusOf(apierror.InLanguage(r), errs.Unauthenticated("AUTHORIZATION_NOT_BEARER"))
	}
	claims, err := v.Verify(raw)
	if err != nil {
		// ToStatus keeps the caller-safe message of the classified error
		// (Unauthenticated, or Unavailable when the key set cannot be read).
		return identity.Claims{}, grpcserver.ToStatus(apierror.InLanguage(r), log, err)
	}
	return claims, nil
}
