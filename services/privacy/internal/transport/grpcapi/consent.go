package grpcapi

import (
	"context"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func consentToProto(c domain.Consent) *privacyv1.Consent {
	return &privacyv1.Consent{SubjectId: c.SubjectID, Purpose: c.Purpose, PolicyVersion: c.PolicyVersion,
		GrantTime: ts(c.GrantedAt), WithdrawTime: tsPtr(c.WithdrawnAt)}
}

// GrantConsent implements privacyv1.PrivacyServiceServer.
func (s *Server) GrantConsent(ctx context.Context, req *privacyv1.GrantConsentRequest) (*privacyv1.GrantConsentResponse, error) {
	c, err := s.app.GrantConsent(ctx, req.GetSubjectId(), req.GetPurpose(), req.GetPolicyVersion())
	if err != nil {
		return nil, err
	}
	return &privacyv1.GrantConsentResponse{Consent: consentToProto(c)}, nil
}

// WithdrawConsent implements privacyv1.PrivacyServiceServer.
func (s *Server) WithdrawConsent(ctx context.Context, req *privacyv1.WithdrawConsentRequest) (*privacyv1.WithdrawConsentResponse, error) {
	c, err := s.app.WithdrawConsent(ctx, req.GetSubjectId(), req.GetPurpose())
	if err != nil {
		return nil, err
	}
	return &privacyv1.WithdrawConsentResponse{Consent: consentToProto(c)}, nil
}

// ListConsents implements privacyv1.PrivacyServiceServer.
func (s *Server) ListConsents(ctx context.Context, req *privacyv1.ListConsentsRequest) (*privacyv1.ListConsentsResponse, error) {
	list, err := s.app.ListConsents(ctx, req.GetSubjectId())
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ListConsentsResponse{}
	for _, c := range list {
		out.Consents = append(out.Consents, consentToProto(c))
	}
	return out, nil
}
