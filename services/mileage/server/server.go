// Package server wires the mileage service for its binary and for tests
// (including other services' tests that need a real mileage service).
package server

import (
	"context"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/mileage/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/mileage/migrations"
)

// Spec wires the service; tests boot the same spec.
func Spec() service.Spec {
	return service.Spec{
		Name:         "mileage",
		GRPCServices: []string{mileagev1.MileageService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register: func(_ context.Context, d *service.Deps) error {
			mileagev1.RegisterMileageServiceServer(d.GRPC, grpcapi.New(d.Pool))
			return nil
		},
	}
}
