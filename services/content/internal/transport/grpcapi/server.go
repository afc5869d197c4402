// Package grpcapi implements the content service's gRPC API (and through
// its google.api.http annotations, the REST edge's /v1 routes): requests
// become use-case calls, results become protos. No SQL and no rules here;
// errors are returned as they come and mapped once by the platform.
package grpcapi

import (
	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/services/content/internal/app"
)

// Server implements contentv1.ContentServiceServer.
type Server struct {
	contentv1.UnimplementedContentServiceServer
	app *app.App
	// now says whether an item is stale as it is rendered (the app's clock).
	now clock.Clock
}

// New returns the API over the use cases.
func New(a *app.App, now clock.Clock) *Server { return &Server{app: a, now: clock.Or(now)} }
