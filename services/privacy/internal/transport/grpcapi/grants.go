package grpcapi

import (
	"context"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ListRevealGrants implements privacyv1.PrivacyServiceServer.
func (s *Server) ListRevealGrants(ctx context.Context, req *privacyv1.ListRevealGrantsRequest) (*privacyv1.ListRevealGrantsResponse, error) {
	grants, err := s.app.ListRevealGrants(ctx, req.GetCaseReference(), req.GetPurpose())
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ListRevealGrantsResponse{RevealGrants: make([]*privacyv1.RevealGrant, len(grants))}
	for i, g := range grants {
		out.RevealGrants[i] = grantToProto(g)
	}
	return out, nil
}

func grantToProto(g domain.Grant) *privacyv1.RevealGrant {
	return &privacyv1.RevealGrant{Purpose: g.Purpose, CaseReference: g.CaseReference, DepartmentCode: g.Department,
		SubjectId: g.SubjectID, GrantTime: ts(g.GrantedAt), ExpireTime: ts(g.ExpiresAt)}
}
