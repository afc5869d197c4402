package grpcapi

import (
	"context"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
)

// ListDueComplaints lists a department's complaints nearing or past due.
func (s *Server) ListDueComplaints(ctx context.Context, r *petitionv1.ListDueComplaintsRequest) (*petitionv1.ListDueComplaintsResponse, error) {
	list, err := s.app.ListDueComplaints(ctx, r.GetDepartmentCode())
	if err != nil {
		return nil, err
	}
	now := s.app.Now()
	out := &petitionv1.ListDueComplaintsResponse{}
	for _, c := range list {
		out.DueComplaints = append(out.DueComplaints, &petitionv1.DueComplaint{ComplaintId: c.ID, ReceiptNumber: c.ReceiptNumber,
			ComplaintType: c.Type, HandlerSubject: c.Handler, DueTime: ts(c.Due.At), Overdue: !now.Before(c.Due.At)})
	}
	return out, nil
}

// ListDepartmentFigures returns the figures for the department evaluation (A4.3).
func (s *Server) ListDepartmentFigures(ctx context.Context, r *petitionv1.ListDepartmentFiguresRequest) (*petitionv1.ListDepartmentFiguresResponse, error) {
	list, err := s.app.DepartmentFigures(ctx, r.GetDepartmentCode(), timeIn(r.GetStartTime()), timeIn(r.GetEndTime()))
	if err != nil {
		return nil, err
	}
	out := &petitionv1.ListDepartmentFiguresResponse{}
	for _, f := range list {
		out.DepartmentFigures = append(out.DepartmentFigures, figuresOut(f))
	}
	return out, nil
}

func figuresOut(f app.Figures) *petitionv1.DepartmentFigures {
	return &petitionv1.DepartmentFigures{DepartmentCode: f.Department, Received: int32(f.Received),
		Answered: int32(f.Answered), MedianHoursToAnswer: f.MedianHoursToAnswer, Extended: int32(f.Extended),
		Overdue: int32(f.Overdue), OverdueShare: f.OverdueShare()}
}

// ListPublicComplaints lists published, answered complaints.
func (s *Server) ListPublicComplaints(ctx context.Context, r *petitionv1.ListPublicComplaintsRequest) (*petitionv1.ListPublicComplaintsResponse, error) {
	list, next, err := s.app.ListPublicComplaints(ctx, int(r.GetPageSize()), r.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &petitionv1.ListPublicComplaintsResponse{NextPageToken: next}
	for _, c := range list {
		out.PublicComplaints = append(out.PublicComplaints, publicOut(c))
	}
	return out, nil
}
