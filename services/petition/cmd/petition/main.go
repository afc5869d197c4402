// Command petition serves the petition service: Ask the Mayor and the e-civil-complaint window (A3.1.3, A6).
package main

import (
	"context"
	"os"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/petition/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/petition/migrations"
)

func main() {
	os.Exit(service.Main(Spec()))
}

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
