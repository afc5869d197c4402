// Package grpcapi implements the privacy service's gRPC API: it maps
// proto messages to the app's inputs and back, and turns the verified
// identity (token, machine-client registration, mutual-TLS peer) into the
// domain's Actor. No SQL and no rules live here.
package grpcapi

import (
	"context"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Server implements privacyv1.PrivacyServiceServer.
type Server struct {
	privacyv1.UnimplementedPrivacyServiceServer
	app *app.App
}

// New returns the API over the use cases.
func New(a *app.App) *Server { return &Server{app: a} }

// actor is the caller as the rules see it, from verified sources only: the
// token's claims, the machine client's registration (platform/clients) and
// the service that called, as its mutual-TLS certificate proved (recorded
// for audit; no header a caller could set is believed).
func actor(ctx context.Context) domain.Actor {
	c := identity.From(ctx)
	roles := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		roles[i] = string(r)
	}
	a := domain.Actor{Subject: c.Subject, Roles: roles, Department: c.Department, Client: c.Client,
		CallingService: identity.CallingService(ctx), OnBehalfOf: identity.OnBehalfOf(ctx)}
	if reg, ok := clients.From(ctx); ok {
		a.Scope = &domain.ClientScope{Department: reg.Department, Reveal: reg.Reveal, Lookup: reg.Lookup, Store: reg.Store}
	}
	return a
}
