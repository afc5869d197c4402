// Package server wires the event service for its binary and for tests
// (including other services' tests that need a real event service).
package server

import (
	"context"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/event/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/event/migrations"
)

// Spec wires the service; tests boot the same spec.
func Spec() service.Spec {
	return service.Spec{
		Name:         "event",
		GRPCServices: []string{eventv1.ParticipationEventService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register: func(_ context.Context, d *service.Deps) error {
			eventv1.RegisterParticipationEventServiceServer(d.GRPC, grpcapi.New(d.Pool))
			return nil
		},
	}
}
