// Package server wires the petition service for its binary and for tests
// (including other services' tests that need a real petition service).
package server

import (
	"context"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/petition/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/petition/migrations"
)

// Spec wires the service; tests boot the same spec.
func Spec() service.Spec {
	return service.Spec{
		Name:         "petition",
		GRPCServices: []string{petitionv1.PetitionService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register: func(_ context.Context, d *service.Deps) error {
			petitionv1.RegisterPetitionServiceServer(d.GRPC, grpcapi.New(d.Pool))
			return nil
		},
	}
}
