package grpcapi

import (
	"context"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/app"
)

// SubmitFeedback records a citizen's opinion of an item.
func (s *Server) SubmitFeedback(ctx context.Context, req *contentv1.SubmitFeedbackRequest) (*contentv1.SubmitFeedbackResponse, error) {
	f, sum, err := s.app.SubmitFeedback(ctx, req.GetItemId(), req.GetHelpful(), req.GetComment())
	if err != nil {
		return nil, err
	}
	return &contentv1.SubmitFeedbackResponse{Feedback: feedbackProto(f), ItemFeedback: feedbackSummaryProto(sum)}, nil
}

// ListFeedback returns feedback on a department's items with totals.
func (s *Server) ListFeedback(ctx context.Context, req *contentv1.ListFeedbackRequest) (*contentv1.ListFeedbackResponse, error) {
	list, sum, next, err := s.app.ListFeedback(ctx, app.FeedbackFilter{Department: req.GetDepartmentCode(), ItemID: req.GetItemId()},
		pagetoken.Page{Size: int(req.GetPageSize()), Token: req.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &contentv1.ListFeedbackResponse{Summary: feedbackSummaryProto(sum), NextPageToken: next}
	for _, f := range list {
		out.Feedback = append(out.Feedback, feedbackProto(f))
	}
	return out, nil
}
