// Package server wires the privacy service for its binary and for tests
// (including other services' tests that need a real privacy service).
package server

import (
	"context"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/privacy/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/privacy/migrations"
)

// Spec wires the service; tests boot the same spec.
func Spec() service.Spec {
	return service.Spec{
		Name:         "privacy",
		GRPCServices: []string{privacyv1.PrivacyService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register: func(_ context.Context, d *service.Deps) error {
			privacyv1.RegisterPrivacyServiceServer(d.GRPC, grpcapi.New(d.Pool))
			return nil
		},
	}
}
