// Package grpcapi implements the event service's gRPC API: it maps protos
// to domain values and back and calls the use cases. No SQL, no rules.
package grpcapi

import (
	"context"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/services/event/internal/app"
)

// Server implements eventv1.ParticipationEventServiceServer.
type Server struct {
	eventv1.UnimplementedParticipationEventServiceServer
	app *app.App
}

// New returns the API over the use cases.
func New(a *app.App) *Server { return &Server{app: a} }

// SetProgrammeBudget implements the RPC.
func (s *Server) SetProgrammeBudget(ctx context.Context, r *eventv1.SetProgrammeBudgetRequest) (*eventv1.SetProgrammeBudgetResponse, error) {
	pb, err := s.app.SetProgrammeBudget(ctx, int(r.GetYear()), r.GetAmount())
	if err != nil {
		return nil, err
	}
	return &eventv1.SetProgrammeBudgetResponse{ProgrammeBudget: &eventv1.ProgrammeBudget{
		Year: int32(pb.Year), Amount: pb.Amount, Allocated: pb.Allocated}}, nil
}

// GetBudgetReport implements the RPC.
func (s *Server) GetBudgetReport(ctx context.Context, r *eventv1.GetBudgetReportRequest) (*eventv1.BudgetReport, error) {
	rep, err := s.app.GetBudgetReport(ctx, int(r.GetYear()))
	if err != nil {
		return nil, err
	}
	out := &eventv1.BudgetReport{Year: int32(rep.Year), ProgrammeBudget: rep.ProgrammeBudget}
	out.Allocated, out.Planned, out.Awarded, out.Delivered = rep.Sum()
	for _, e := range rep.Events {
		out.Events = append(out.Events, &eventv1.EventBudgetLine{EventId: e.EventID, TitleKo: e.TitleKo,
			DepartmentCode: e.DepartmentCode, Status: statusOut[e.Status], Budget: e.Budget,
			Planned: e.Planned, Awarded: e.Awarded, Delivered: e.Delivered})
	}
	return out, nil
}
