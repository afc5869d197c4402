// Package server wires the board service for its binary and for tests
// (including other services' tests that need a real board service).
package server

import (
	"context"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/board/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/board/migrations"
)

// Spec wires the service; tests boot the same spec.
func Spec() service.Spec {
	return service.Spec{
		Name:         "board",
		GRPCServices: []string{boardv1.BoardService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register: func(_ context.Context, d *service.Deps) error {
			boardv1.RegisterBoardServiceServer(d.GRPC, grpcapi.New(d.Pool))
			return nil
		},
	}
}
