package grpcapi

import (
	"context"
	"time"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
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
	after, err := decodeCursor(req.GetPageToken())
	if err != nil {
		return nil, err
	}
	list, more, err := s.app.ListDisclosures(ctx, actor(ctx), after, int(req.GetPageSize()))
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ListDisclosuresResponse{}
	for _, d := range list {
		out.Disclosures = append(out.Disclosures, disclosureToProto(d))
	}
	if more && len(list) > 0 {
		out.NextPageToken = encodeCursor(list[len(list)-1])
	}
	return out, nil
}

// cursor is the register's keyset position: the last request's time and id.
type cursor struct {
	At time.Time `json:"t"`
	ID string    `json:"i"`
}

func encodeCursor(d domain.Disclosure) string {
	return pagetoken.Encode(cursor{At: d.RequestedAt.UTC(), ID: d.ID})
}

// decodeCursor returns nil for the first page.
func decodeCursor(tok string) (*app.DisclosureCursor, error) {
	var c cursor
	ok, err := pagetoken.Decode(tok, &c)
	if err != nil || !ok {
		return nil, err
	}
	if c.ID == "" || c.At.IsZero() {
		return nil, pagetoken.Invalid()
	}
	return &app.DisclosureCursor{RequestedAt: c.At, ID: c.ID}, nil
}
