package grpcapi

import (
	"context"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/enummap"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// The disclosure register's enums, one table each. An unknown wire value
// maps to the domain's zero value, which validation names.
var (
	bases = enummap.New(map[domain.Basis]privacyv1.LegalBasis{
		domain.BasisConsent:       privacyv1.LegalBasis_LEGAL_BASIS_CONSENT,
		domain.BasisInvestigation: privacyv1.LegalBasis_LEGAL_BASIS_INVESTIGATION,
		domain.BasisStatistics:    privacyv1.LegalBasis_LEGAL_BASIS_STATISTICS,
		domain.BasisOtherLaw:      privacyv1.LegalBasis_LEGAL_BASIS_OTHER_LAW,
	})
	dimensions = enummap.New(map[domain.Dimension]privacyv1.StatisticDimension{
		domain.DimensionAgeBand:  privacyv1.StatisticDimension_STATISTIC_DIMENSION_AGE_BAND,
		domain.DimensionDistrict: privacyv1.StatisticDimension_STATISTIC_DIMENSION_DISTRICT,
	})
	statuses = enummap.New(map[domain.Status]privacyv1.DisclosureStatus{
		domain.StatusPending:  privacyv1.DisclosureStatus_DISCLOSURE_STATUS_PENDING,
		domain.StatusApproved: privacyv1.DisclosureStatus_DISCLOSURE_STATUS_APPROVED,
		domain.StatusRejected: privacyv1.DisclosureStatus_DISCLOSURE_STATUS_REJECTED,
		domain.StatusReleased: privacyv1.DisclosureStatus_DISCLOSURE_STATUS_RELEASED,
	})
)

func basisIn(b privacyv1.LegalBasis) domain.Basis {
	d, _ := bases.From(b)
	return d
}

func dimensionIn(p privacyv1.StatisticDimension) domain.Dimension {
	d, _ := dimensions.From(p)
	return d
}

func disclosureToProto(d domain.Disclosure) *privacyv1.Disclosure {
	return &privacyv1.Disclosure{Id: d.ID, Requester: d.Requester, LegalBasis: bases.To(d.Basis),
		LegalReference: d.LegalReference, Purpose: d.Purpose, SubjectId: d.SubjectID, Fields: d.Fields,
		Dimension: dimensions.To(d.Dimension), Status: statuses.To(d.Status), RecordedBy: d.RecordedBy,
		Approver: d.Approver, DecisionReason: d.DecisionReason, RequestTime: ts(d.RequestedAt),
		DecideTime: tsPtr(d.DecidedAt), ReleaseTime: tsPtr(d.ReleasedAt)}
}

// RequestDisclosure implements privacyv1.PrivacyServiceServer.
func (s *Server) RequestDisclosure(ctx context.Context, req *privacyv1.RequestDisclosureRequest) (*privacyv1.RequestDisclosureResponse, error) {
	d, err := s.app.RequestDisclosure(ctx, domain.Disclosure{
		RequestID: req.GetRequestId(), Requester: req.GetRequester(), Basis: basisIn(req.GetLegalBasis()),
		LegalReference: req.GetLegalReference(), Purpose: req.GetPurpose(), SubjectID: req.GetSubjectId(),
		Fields: req.GetFields(), Dimension: dimensionIn(req.GetDimension())})
	if err != nil {
		return nil, err
	}
	return &privacyv1.RequestDisclosureResponse{Disclosure: disclosureToProto(d)}, nil
}

// DecideDisclosure implements privacyv1.PrivacyServiceServer.
func (s *Server) DecideDisclosure(ctx context.Context, req *privacyv1.DecideDisclosureRequest) (*privacyv1.DecideDisclosureResponse, error) {
	d, err := s.app.DecideDisclosure(ctx, req.GetDisclosureId(), req.GetApprove(), req.GetReason())
	if err != nil {
		return nil, err
	}
	return &privacyv1.DecideDisclosureResponse{Disclosure: disclosureToProto(d)}, nil
}

// ReleaseDisclosure implements privacyv1.PrivacyServiceServer.
func (s *Server) ReleaseDisclosure(ctx context.Context, req *privacyv1.ReleaseDisclosureRequest) (*privacyv1.ReleaseDisclosureResponse, error) {
	rel, err := s.app.ReleaseDisclosure(ctx, req.GetDisclosureId())
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ReleaseDisclosureResponse{Disclosure: disclosureToProto(rel.Disclosure),
		Values: revealedToProto(rel.Values), SuppressionThreshold: domain.SuppressionThreshold}
	out.Total, out.TotalSuppressed = rel.Table.Total, rel.Table.TotalSuppressed
	for _, c := range rel.Table.Cells {
		out.Cells = append(out.Cells, &privacyv1.StatisticCell{Label: c.Label, Count: c.Count, Suppressed: c.Suppressed})
	}
	return out, nil
}

// GetDisclosure implements privacyv1.PrivacyServiceServer.
func (s *Server) GetDisclosure(ctx context.Context, req *privacyv1.GetDisclosureRequest) (*privacyv1.Disclosure, error) {
	d, err := s.app.GetDisclosure(ctx, req.GetDisclosureId())
	if err != nil {
		return nil, err
	}
	return disclosureToProto(d), nil
}

// ListDisclosures implements privacyv1.PrivacyServiceServer.
func (s *Server) ListDisclosures(ctx context.Context, req *privacyv1.ListDisclosuresRequest) (*privacyv1.ListDisclosuresResponse, error) {
	list, next, err := s.app.ListDisclosures(ctx, int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ListDisclosuresResponse{NextPageToken: next}
	for _, d := range list {
		out.Disclosures = append(out.Disclosures, disclosureToProto(d))
	}
	return out, nil
}
