package grpcapi

import (
	"context"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

var basisFromProto = map[privacyv1.LegalBasis]domain.Basis{
	privacyv1.LegalBasis_LEGAL_BASIS_CONSENT:       domain.BasisConsent,
	privacyv1.LegalBasis_LEGAL_BASIS_INVESTIGATION: domain.BasisInvestigation,
	privacyv1.LegalBasis_LEGAL_BASIS_STATISTICS:    domain.BasisStatistics,
	privacyv1.LegalBasis_LEGAL_BASIS_OTHER_LAW:     domain.BasisOtherLaw,
}

var dimensionFromProto = map[privacyv1.StatisticDimension]domain.Dimension{
	privacyv1.StatisticDimension_STATISTIC_DIMENSION_AGE_BAND: domain.DimensionAgeBand,
	privacyv1.StatisticDimension_STATISTIC_DIMENSION_DISTRICT: domain.DimensionDistrict,
}

var statusToProto = map[domain.Status]privacyv1.DisclosureStatus{
	domain.StatusPending:  privacyv1.DisclosureStatus_DISCLOSURE_STATUS_PENDING,
	domain.StatusApproved: privacyv1.DisclosureStatus_DISCLOSURE_STATUS_APPROVED,
	domain.StatusRejected: privacyv1.DisclosureStatus_DISCLOSURE_STATUS_REJECTED,
	domain.StatusReleased: privacyv1.DisclosureStatus_DISCLOSURE_STATUS_RELEASED,
}

func reverse[K comparable, V comparable](m map[K]V) map[V]K {
	out := make(map[V]K, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

var (
	basisToProto     = reverse(basisFromProto)
	dimensionToProto = reverse(dimensionFromProto)
)

func disclosureToProto(d domain.Disclosure) *privacyv1.Disclosure {
	return &privacyv1.Disclosure{Id: d.ID, Requester: d.Requester, LegalBasis: basisToProto[d.Basis],
		LegalReference: d.LegalReference, Purpose: d.Purpose, SubjectId: d.SubjectID, Fields: d.Fields,
		Dimension: dimensionToProto[d.Dimension], Status: statusToProto[d.Status], RecordedBy: d.RecordedBy,
		Approver: d.Approver, DecisionReason: d.DecisionReason, RequestedAt: ts(d.RequestedAt),
		DecidedAt: tsPtr(d.DecidedAt), ReleasedAt: tsPtr(d.ReleasedAt)}
}

// RequestDisclosure implements privacyv1.PrivacyServiceServer.
func (s *Server) RequestDisclosure(ctx context.Context, req *privacyv1.RequestDisclosureRequest) (*privacyv1.RequestDisclosureResponse, error) {
	d, err := s.app.RequestDisclosure(ctx, actor(ctx), domain.Disclosure{
		RequestID: req.GetRequestId(), Requester: req.GetRequester(), Basis: basisFromProto[req.GetLegalBasis()],
		LegalReference: req.GetLegalReference(), Purpose: req.GetPurpose(), SubjectID: req.GetSubjectId(),
		Fields: req.GetFields(), Dimension: dimensionFromProto[req.GetDimension()]})
	if err != nil {
		return nil, err
	}
	return &privacyv1.RequestDisclosureResponse{Disclosure: disclosureToProto(d)}, nil
}

// DecideDisclosure implements privacyv1.PrivacyServiceServer.
func (s *Server) DecideDisclosure(ctx context.Context, req *privacyv1.DecideDisclosureRequest) (*privacyv1.DecideDisclosureResponse, error) {
	d, err := s.app.DecideDisclosure(ctx, actor(ctx), req.GetDisclosureId(), req.GetApprove(), req.GetReason())
	if err != nil {
		return nil, err
	}
	return &privacyv1.DecideDisclosureResponse{Disclosure: disclosureToProto(d)}, nil
}

// ReleaseDisclosure implements privacyv1.PrivacyServiceServer.
func (s *Server) ReleaseDisclosure(ctx context.Context, req *privacyv1.ReleaseDisclosureRequest) (*privacyv1.ReleaseDisclosureResponse, error) {
	rel, err := s.app.ReleaseDisclosure(ctx, actor(ctx), req.GetDisclosureId())
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ReleaseDisclosureResponse{Disclosure: disclosureToProto(rel.Disclosure),
		Values: revealedToProto(rel.Values), SuppressionThreshold: domain.SuppressionThreshold}
	for _, c := range rel.Cells {
		out.Cells = append(out.Cells, &privacyv1.StatisticCell{Label: c.Label, Count: c.Count, Suppressed: c.Suppressed})
	}
	return out, nil
}

// GetDisclosure implements privacyv1.PrivacyServiceServer.
func (s *Server) GetDisclosure(ctx context.Context, req *privacyv1.GetDisclosureRequest) (*privacyv1.GetDisclosureResponse, error) {
	d, err := s.app.GetDisclosure(ctx, actor(ctx), req.GetDisclosureId())
	if err != nil {
		return nil, err
	}
	return &privacyv1.GetDisclosureResponse{Disclosure: disclosureToProto(d)}, nil
}

// ListDisclosures implements privacyv1.PrivacyServiceServer.
func (s *Server) ListDisclosures(ctx context.Context, req *privacyv1.ListDisclosuresRequest) (*privacyv1.ListDisclosuresResponse, error) {
	list, next, err := s.app.ListDisclosures(ctx, actor(ctx), int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ListDisclosuresResponse{NextPageToken: next}
	for _, d := range list {
		out.Disclosures = append(out.Disclosures, disclosureToProto(d))
	}
	return out, nil
}
