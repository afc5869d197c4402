// Package grpcapi implements the petition service's gRPC API.
package grpcapi

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
)

// Server implements petitionv1.PetitionServiceServer.
type Server struct {
	petitionv1.UnimplementedPetitionServiceServer
	pool *pgxpool.Pool
}

// New returns the API over the service's pool.
func New(pool *pgxpool.Pool) *Server { return &Server{pool: pool} }

// ListComplaintTypes is answered from the service's database once its issue lands.
func (s *Server) ListComplaintTypes(ctx context.Context, _ *petitionv1.ListComplaintTypesRequest) (*petitionv1.ListComplaintTypesResponse, error) {
	return &petitionv1.ListComplaintTypesResponse{}, nil
}
