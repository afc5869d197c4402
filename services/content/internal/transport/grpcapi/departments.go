package grpcapi

import (
	"context"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ListDepartments returns the department directory.
func (s *Server) ListDepartments(ctx context.Context, _ *contentv1.ListDepartmentsRequest) (*contentv1.ListDepartmentsResponse, error) {
	deps, err := s.app.ListDepartments(ctx)
	if err != nil {
		return nil, err
	}
	out := &contentv1.ListDepartmentsResponse{}
	for _, d := range deps {
		out.Departments = append(out.Departments, departmentProto(d))
	}
	return out, nil
}

// GetDepartment returns one department with its contact.
func (s *Server) GetDepartment(ctx context.Context, req *contentv1.GetDepartmentRequest) (*contentv1.Department, error) {
	d, err := s.app.GetDepartment(ctx, req.GetCode())
	if err != nil {
		return nil, err
	}
	return departmentProto(d), nil
}

// PutDepartment creates or replaces a department.
func (s *Server) PutDepartment(ctx context.Context, req *contentv1.PutDepartmentRequest) (*contentv1.PutDepartmentResponse, error) {
	d, err := s.app.PutDepartment(ctx, domain.Department{Code: req.GetCode(), NameKo: req.GetNameKo(),
		NameEn: req.GetNameEn(), ParentCode: req.GetParentCode(), Phone: req.GetPhone(), Email: req.GetEmail()}, req.GetEtag())
	if err != nil {
		return nil, err
	}
	return &contentv1.PutDepartmentResponse{Department: departmentProto(d)}, nil
}
