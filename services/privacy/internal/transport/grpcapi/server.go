// Package grpcapi implements the privacy service's gRPC API.
package grpcapi

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
)

// Server implements privacyv1.PrivacyServiceServer.
type Server struct {
	privacyv1.UnimplementedPrivacyServiceServer
	pool *pgxpool.Pool
}

// New returns the API over the service's pool.
func New(pool *pgxpool.Pool) *Server { return &Server{pool: pool} }

// GetCurrentPolicy is answered from the service's database once its issue lands.
func (s *Server) GetCurrentPolicy(ctx context.Context, _ *privacyv1.GetCurrentPolicyRequest) (*privacyv1.GetCurrentPolicyResponse, error) {
	return &privacyv1.GetCurrentPolicyResponse{}, nil
}
