// Package grpcapi implements the privacy service's gRPC API: it maps
// proto messages to the app's inputs and back. No SQL and no rules live
// here.
package grpcapi

import (
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
)

// Server implements privacyv1.PrivacyServiceServer.
type Server struct {
	privacyv1.UnimplementedPrivacyServiceServer
	app *app.App
}

// New returns the API over the use cases.
func New(a *app.App) *Server { return &Server{app: a} }
