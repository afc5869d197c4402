// Package grpcapi implements the content service's gRPC API.
package grpcapi

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
)

// Server implements contentv1.ContentServiceServer.
type Server struct {
	contentv1.UnimplementedContentServiceServer
	pool *pgxpool.Pool
}

// New returns the API over the service's pool.
func New(pool *pgxpool.Pool) *Server { return &Server{pool: pool} }

// ListDepartments returns the department directory.
func (s *Server) ListDepartments(ctx context.Context, _ *contentv1.ListDepartmentsRequest) (*contentv1.ListDepartmentsResponse, error) {
	rows, err := s.pool.Query(ctx, `SELECT code, name_ko, name_en, coalesce(parent_code, ''), phone, email
		FROM departments ORDER BY code`)
	if err != nil {
		return nil, err
	}
	deps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*contentv1.Department, error) {
		d := &contentv1.Department{}
		return d, r.Scan(&d.Code, &d.NameKo, &d.NameEn, &d.ParentCode, &d.Phone, &d.Email)
	})
	if err != nil {
		return nil, err
	}
	return &contentv1.ListDepartmentsResponse{Departments: deps}, nil
}
