// Package server wires the content service for its binary and for tests
// (including other services' tests that need a real content service).
package server

import (
	"context"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/content/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/content/migrations"
)

// Spec wires the service; tests boot the same spec.
func Spec() service.Spec {
	return service.Spec{
		Name:         "content",
		GRPCServices: []string{contentv1.ContentService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register: func(_ context.Context, d *service.Deps) error {
			contentv1.RegisterContentServiceServer(d.GRPC, grpcapi.New(d.Pool))
			return nil
		},
	}
}
