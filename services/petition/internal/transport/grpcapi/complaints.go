package grpcapi

import (
	"context"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// SubmitComplaint files a civil complaint (A3.1.3).
func (s *Server) SubmitComplaint(ctx context.Context, r *petitionv1.SubmitComplaintRequest) (*petitionv1.SubmitComplaintResponse, error) {
	l := r.GetLocation()
	c, err := s.app.SubmitComplaint(ctx, domain.ComplaintDraft{RequestID: r.GetRequestId(), Type: r.GetComplaintType(),
		Title: r.GetTitle(), Body: r.GetBody(), Contact: contactIn(r.GetContact()), PublishConsent: r.GetPublishConsent(),
		Location: domain.Location{Lat: l.GetLat(), Long: l.GetLong(), Address: l.GetAddress()},
		MailID:   r.GetByMail().GetMailId()}, domain.OriginWindow)
	if err != nil {
		return nil, err
	}
	return &petitionv1.SubmitComplaintResponse{Complaint: complaintOut(c)}, nil
}

// GetComplaint returns one complaint.
func (s *Server) GetComplaint(ctx context.Context, r *petitionv1.GetComplaintRequest) (*petitionv1.Complaint, error) {
	c, err := s.app.GetComplaint(ctx, r.GetComplaintId())
	if err != nil {
		return nil, err
	}
	return complaintOut(c), nil
}

// ListComplaints lists the caller's or a department's complaints.
func (s *Server) ListComplaints(ctx context.Context, r *petitionv1.ListComplaintsRequest) (*petitionv1.ListComplaintsResponse, error) {
	list, next, err := s.app.ListComplaints(ctx, app.ComplaintFilter{Department: r.GetDepartmentCode(),
		OpenOnly: r.GetOpenOnly(), PageSize: int(r.GetPageSize()), PageToken: r.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &petitionv1.ListComplaintsResponse{NextPageToken: next}
	for _, c := range list {
		out.Complaints = append(out.Complaints, complaintOut(c))
	}
	return out, nil
}

// AssignComplaint assigns a complaint.
func (s *Server) AssignComplaint(ctx context.Context, r *petitionv1.AssignComplaintRequest) (*petitionv1.AssignComplaintResponse, error) {
	c, err := s.app.AssignComplaint(ctx, app.Target{ID: r.GetComplaintId(), Etag: r.GetEtag()}, r.GetDepartmentCode(), r.GetHandlerSubject())
	if err != nil {
		return nil, err
	}
	return &petitionv1.AssignComplaintResponse{Complaint: complaintOut(c)}, nil
}

// TransferComplaint transfers a complaint.
func (s *Server) TransferComplaint(ctx context.Context, r *petitionv1.TransferComplaintRequest) (*petitionv1.TransferComplaintResponse, error) {
	c, err := s.app.TransferComplaint(ctx, app.Transfer{Target: app.Target{ID: r.GetComplaintId(), Etag: r.GetEtag()}, ToDepartment: r.GetToDepartmentCode(),
		OutsideAgency: r.GetOutsideAgency(), Reason: r.GetReason()})
	if err != nil {
		return nil, err
	}
	return &petitionv1.TransferComplaintResponse{Complaint: complaintOut(c)}, nil
}

// ExtendComplaint extends the processing period.
func (s *Server) ExtendComplaint(ctx context.Context, r *petitionv1.ExtendComplaintRequest) (*petitionv1.ExtendComplaintResponse, error) {
	c, err := s.app.ExtendComplaint(ctx, app.Target{ID: r.GetComplaintId(), Etag: r.GetEtag()}, r.GetPeriod(), r.GetReason(), r.GetComplainantConsent())
	if err != nil {
		return nil, err
	}
	return &petitionv1.ExtendComplaintResponse{Complaint: complaintOut(c)}, nil
}

// RequestProgress records a progress notice on the complainant's request.
func (s *Server) RequestProgress(ctx context.Context, r *petitionv1.RequestProgressRequest) (*petitionv1.RequestProgressResponse, error) {
	c, err := s.app.RequestProgress(ctx, r.GetComplaintId())
	if err != nil {
		return nil, err
	}
	return &petitionv1.RequestProgressResponse{Complaint: complaintOut(c)}, nil
}

// AnswerComplaint answers a complaint.
func (s *Server) AnswerComplaint(ctx context.Context, r *petitionv1.AnswerComplaintRequest) (*petitionv1.AnswerComplaintResponse, error) {
	c, err := s.app.AnswerComplaint(ctx, app.Target{ID: r.GetComplaintId(), Etag: r.GetEtag()}, domain.AnswerDraft{Body: r.GetBody(),
		Refusal: r.GetRefusal(), RefusalReasons: r.GetRefusalReasons(), Remedies: r.GetRemedies()}, r.GetValidateOnly())
	if err != nil {
		return nil, err
	}
	return &petitionv1.AnswerComplaintResponse{Complaint: complaintOut(c)}, nil
}

// RateComplaint records the complainant's satisfaction.
func (s *Server) RateComplaint(ctx context.Context, r *petitionv1.RateComplaintRequest) (*petitionv1.RateComplaintResponse, error) {
	c, err := s.app.RateComplaint(ctx, app.Target{ID: r.GetComplaintId(), Etag: r.GetEtag()}, int(r.GetSatisfaction()), r.GetComment())
	if err != nil {
		return nil, err
	}
	return &petitionv1.RateComplaintResponse{Complaint: complaintOut(c)}, nil
}

// ConsentToExtension records the complainant's answer to a further extension.
func (s *Server) ConsentToExtension(ctx context.Context, r *petitionv1.ConsentToExtensionRequest) (*petitionv1.ConsentToExtensionResponse, error) {
	c, err := s.app.ConsentToExtension(ctx, app.Target{ID: r.GetComplaintId(), Etag: r.GetEtag()}, r.GetGranted())
	if err != nil {
		return nil, err
	}
	return &petitionv1.ConsentToExtensionResponse{Complaint: complaintOut(c)}, nil
}

// RequestAdditionalAnswer reopens an answered complaint.
func (s *Server) RequestAdditionalAnswer(ctx context.Context, r *petitionv1.RequestAdditionalAnswerRequest) (*petitionv1.RequestAdditionalAnswerResponse, error) {
	c, err := s.app.RequestAdditionalAnswer(ctx, app.Target{ID: r.GetComplaintId(), Etag: r.GetEtag()}, r.GetReason())
	if err != nil {
		return nil, err
	}
	return &petitionv1.RequestAdditionalAnswerResponse{Complaint: complaintOut(c)}, nil
}

// CloseRepeatedComplaint closes a repeated complaint.
func (s *Server) CloseRepeatedComplaint(ctx context.Context, r *petitionv1.CloseRepeatedComplaintRequest) (*petitionv1.CloseRepeatedComplaintResponse, error) {
	c, err := s.app.CloseRepeatedComplaint(ctx, app.Target{ID: r.GetComplaintId(), Etag: r.GetEtag()}, r.GetEarlierComplaintIds(), r.GetNote())
	if err != nil {
		return nil, err
	}
	return &petitionv1.CloseRepeatedComplaintResponse{Complaint: complaintOut(c)}, nil
}
