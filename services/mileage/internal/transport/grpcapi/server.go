// Package grpcapi implements the mileage service's gRPC API.
package grpcapi

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
)

// Server implements mileagev1.MileageServiceServer.
type Server struct {
	mileagev1.UnimplementedMileageServiceServer
	pool *pgxpool.Pool
}

// New returns the API over the service's pool.
func New(pool *pgxpool.Pool) *Server { return &Server{pool: pool} }

// GetRules is answered from the service's database once its issue lands.
func (s *Server) GetRules(ctx context.Context, _ *mileagev1.GetRulesRequest) (*mileagev1.GetRulesResponse, error) {
	return &mileagev1.GetRulesResponse{}, nil
}
