// Package grpcapi implements the privacy service's gRPC API: it maps
// proto messages to the app's inputs and back, and turns the verified
// token plus the x-calling-service header into the domain's Actor. No SQL
// and no rules live here.
package grpcapi

import (
	"context"

	"google.golang.org/grpc/metadata"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Server implements privacyv1.PrivacyServiceServer.
type Server struct {
	privacyv1.UnimplementedPrivacyServiceServer
	app *app.App
	// RewrapBatch is the batch size of on-demand rewraps.
	RewrapBatch int
}

// New returns the API over the use cases.
func New(a *app.App, rewrapBatch int) *Server { return &Server{app: a, RewrapBatch: rewrapBatch} }

// actor is the caller as the rules see it. The calling service comes from
// metadata set by grpcclient; it is recorded for audit, never trusted for
// authorization (only the verified token is).
func actor(ctx context.Context) domain.Actor {
	c := identity.From(ctx)
	roles := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		roles[i] = string(r)
	}
	a := domain.Actor{Subject: c.Subject, Roles: roles, Department: c.Department, Client: c.Client}
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		if v := md.Get(grpcclient.MetadataCallingService); len(v) > 0 && len(v[0]) <= 64 {
			a.CallingService = v[0]
		}
	}
	return a
}
