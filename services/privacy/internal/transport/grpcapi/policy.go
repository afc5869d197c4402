package grpcapi

import (
	"context"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func policyToProto(p domain.Policy) *privacyv1.Policy {
	return &privacyv1.Policy{Version: p.Version, TitleKo: p.TitleKo, TitleEn: p.TitleEn, BodyKo: p.BodyKo,
		BodyEn: p.BodyEn, EffectiveFrom: ts(p.EffectiveFrom), PublishedAt: ts(p.PublishedAt)}
}

// GetCurrentPolicy implements privacyv1.PrivacyServiceServer.
func (s *Server) GetCurrentPolicy(ctx context.Context, _ *privacyv1.GetCurrentPolicyRequest) (*privacyv1.GetCurrentPolicyResponse, error) {
	p, err := s.app.GetCurrentPolicy(ctx)
	if err != nil {
		return nil, err
	}
	return &privacyv1.GetCurrentPolicyResponse{Policy: policyToProto(p)}, nil
}

// ListPolicyVersions implements privacyv1.PrivacyServiceServer.
func (s *Server) ListPolicyVersions(ctx context.Context, _ *privacyv1.ListPolicyVersionsRequest) (*privacyv1.ListPolicyVersionsResponse, error) {
	list, err := s.app.ListPolicyVersions(ctx)
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ListPolicyVersionsResponse{}
	for _, p := range list {
		out.Policies = append(out.Policies, policyToProto(p))
	}
	return out, nil
}

// PublishPolicy implements privacyv1.PrivacyServiceServer.
func (s *Server) PublishPolicy(ctx context.Context, req *privacyv1.PublishPolicyRequest) (*privacyv1.PublishPolicyResponse, error) {
	p := domain.Policy{Version: req.GetVersion(), TitleKo: req.GetTitleKo(), TitleEn: req.GetTitleEn(),
		BodyKo: req.GetBodyKo(), BodyEn: req.GetBodyEn()}
	if req.GetEffectiveFrom() != nil {
		p.EffectiveFrom = req.GetEffectiveFrom().AsTime()
	}
	got, err := s.app.PublishPolicy(ctx, p)
	if err != nil {
		return nil, err
	}
	return &privacyv1.PublishPolicyResponse{Policy: policyToProto(got)}, nil
}
