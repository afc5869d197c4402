package grpcapi

import (
	"context"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func contractorToProto(g domain.ContractorGrant) *privacyv1.ContractorGrant {
	return &privacyv1.ContractorGrant{Id: g.ID, ContractorSubject: g.ContractorSubject, Company: g.Company,
		Service: g.Service, Role: g.Role, DepartmentCode: g.Department, BoardId: g.BoardID,
		StartTime: ts(g.ValidFrom), EndTime: ts(g.ValidUntil), Reason: g.Reason, GrantedBy: g.GrantedBy,
		CreateTime: ts(g.CreatedAt), RevokeTime: tsPtr(g.RevokedAt), RevokedBy: g.RevokedBy, RevokeReason: g.RevokeReason}
}

// timeOf is a time from the wire; unset is the zero time (the domain
// names it as required).
func timeOf(t *timestamppb.Timestamp) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.AsTime().UTC()
}

// GrantContractorAccess implements privacyv1.PrivacyServiceServer.
func (s *Server) GrantContractorAccess(ctx context.Context, req *privacyv1.GrantContractorAccessRequest) (*privacyv1.GrantContractorAccessResponse, error) {
	g, err := s.app.GrantContractorAccess(ctx, domain.ContractorGrant{RequestID: req.GetRequestId(),
		ContractorSubject: req.GetContractorSubject(), Company: req.GetCompany(), Service: req.GetService(),
		Role: req.GetRole(), Department: req.GetDepartmentCode(), BoardID: req.GetBoardId(),
		ValidFrom: timeOf(req.GetStartTime()), ValidUntil: timeOf(req.GetEndTime()), Reason: req.GetReason()})
	if err != nil {
		return nil, err
	}
	return &privacyv1.GrantContractorAccessResponse{Grant: contractorToProto(g)}, nil
}

// RevokeContractorAccess implements privacyv1.PrivacyServiceServer.
func (s *Server) RevokeContractorAccess(ctx context.Context, req *privacyv1.RevokeContractorAccessRequest) (*privacyv1.RevokeContractorAccessResponse, error) {
	g, err := s.app.RevokeContractorAccess(ctx, req.GetGrantId(), req.GetReason())
	if err != nil {
		return nil, err
	}
	return &privacyv1.RevokeContractorAccessResponse{Grant: contractorToProto(g)}, nil
}

// ListContractorGrants implements privacyv1.PrivacyServiceServer.
func (s *Server) ListContractorGrants(ctx context.Context, req *privacyv1.ListContractorGrantsRequest) (*privacyv1.ListContractorGrantsResponse, error) {
	gs, next, err := s.app.ListContractorGrants(ctx, app.ContractorFilter{ContractorSubject: req.GetContractorSubject()},
		int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ListContractorGrantsResponse{NextPageToken: next}
	for _, g := range gs {
		out.ContractorGrants = append(out.ContractorGrants, contractorToProto(g))
	}
	return out, nil
}
