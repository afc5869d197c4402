package grpcapi

import (
	"context"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// SubmitOpinion sends an opinion to the Mayor's office (A6.1).
func (s *Server) SubmitOpinion(ctx context.Context, r *petitionv1.SubmitOpinionRequest) (*petitionv1.SubmitOpinionResponse, error) {
	o, err := s.app.SubmitOpinion(ctx, domain.OpinionDraft{RequestID: r.GetRequestId(), Title: r.GetTitle(),
		Body: r.GetBody(), PublishConsent: r.GetPublishConsent(), Contact: contactIn(r.GetContact())})
	if err != nil {
		return nil, err
	}
	return &petitionv1.SubmitOpinionResponse{Opinion: opinionOut(o)}, nil
}

// GetOpinion returns one opinion.
func (s *Server) GetOpinion(ctx context.Context, r *petitionv1.GetOpinionRequest) (*petitionv1.Opinion, error) {
	o, err := s.app.GetOpinion(ctx, r.GetOpinionId())
	if err != nil {
		return nil, err
	}
	return opinionOut(o), nil
}

// ListOpinions lists published opinions or the triage queue.
func (s *Server) ListOpinions(ctx context.Context, r *petitionv1.ListOpinionsRequest) (*petitionv1.ListOpinionsResponse, error) {
	list, next, err := s.app.ListOpinions(ctx, app.OpinionFilter{PendingOnly: r.GetPendingOnly(),
		PageSize: int(r.GetPageSize()), PageToken: r.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &petitionv1.ListOpinionsResponse{NextPageToken: next}
	for _, o := range list {
		out.Opinions = append(out.Opinions, opinionOut(o))
	}
	return out, nil
}

// TriageOpinion acknowledges an opinion or turns it into a complaint (A6.2).
func (s *Server) TriageOpinion(ctx context.Context, r *petitionv1.TriageOpinionRequest) (*petitionv1.TriageOpinionResponse, error) {
	d := r.GetDecision()
	decided := d == petitionv1.TriageDecision_TRIAGE_DECISION_ACKNOWLEDGE || d == petitionv1.TriageDecision_TRIAGE_DECISION_COMPLAINT
	o, c, err := s.app.TriageOpinion(ctx, app.Triage{OpinionID: r.GetOpinionId(), Etag: r.GetEtag(),
		Complaint: d == petitionv1.TriageDecision_TRIAGE_DECISION_COMPLAINT, Type: r.GetComplaintType(),
		Department: r.GetDepartmentCode(), Note: r.GetNote()}, decided, r.GetValidateOnly())
	if err != nil {
		return nil, err
	}
	return &petitionv1.TriageOpinionResponse{Opinion: opinionOut(o), Complaint: complaintOut(c)}, nil
}
