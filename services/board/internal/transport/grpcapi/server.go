// Package grpcapi implements the board service's gRPC API.
package grpcapi

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
)

// Server implements boardv1.BoardServiceServer.
type Server struct {
	boardv1.UnimplementedBoardServiceServer
	pool *pgxpool.Pool
}

// New returns the API over the service's pool.
func New(pool *pgxpool.Pool) *Server { return &Server{pool: pool} }

// ListBoards is answered from the service's database once its issue lands.
func (s *Server) ListBoards(ctx context.Context, _ *boardv1.ListBoardsRequest) (*boardv1.ListBoardsResponse, error) {
	return &boardv1.ListBoardsResponse{}, nil
}
