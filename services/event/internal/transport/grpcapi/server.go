// Package grpcapi implements the event service's gRPC API.
package grpcapi

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
)

// Server implements eventv1.ParticipationEventServiceServer.
type Server struct {
	eventv1.UnimplementedParticipationEventServiceServer
	pool *pgxpool.Pool
}

// New returns the API over the service's pool.
func New(pool *pgxpool.Pool) *Server { return &Server{pool: pool} }

// ListParticipationEvents is answered from the service's database once its issue lands.
func (s *Server) ListParticipationEvents(ctx context.Context, _ *eventv1.ListParticipationEventsRequest) (*eventv1.ListParticipationEventsResponse, error) {
	return &eventv1.ListParticipationEventsResponse{}, nil
}
