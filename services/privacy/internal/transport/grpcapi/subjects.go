package grpcapi

import (
	"context"

	"google.golang.org/protobuf/types/known/timestamppb"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func holdToProto(h domain.LegalHold) *privacyv1.LegalHold {
	return &privacyv1.LegalHold{Id: h.ID, SubjectId: h.SubjectID, Reason: h.Reason, CaseReference: h.CaseReference,
		PlacedBy: h.PlacedBy, PlaceTime: ts(h.PlacedAt), ReleaseTime: tsPtr(h.ReleasedAt)}
}

// PlaceLegalHold implements privacyv1.PrivacyServiceServer.
func (s *Server) PlaceLegalHold(ctx context.Context, req *privacyv1.PlaceLegalHoldRequest) (*privacyv1.PlaceLegalHoldResponse, error) {
	h, err := s.app.PlaceLegalHold(ctx, domain.LegalHold{
		SubjectID: req.GetSubjectId(), Reason: req.GetReason(), CaseReference: req.GetCaseReference()})
	if err != nil {
		return nil, err
	}
	return &privacyv1.PlaceLegalHoldResponse{Hold: holdToProto(h)}, nil
}

// ReleaseLegalHold implements privacyv1.PrivacyServiceServer.
func (s *Server) ReleaseLegalHold(ctx context.Context, req *privacyv1.ReleaseLegalHoldRequest) (*privacyv1.ReleaseLegalHoldResponse, error) {
	h, err := s.app.ReleaseLegalHold(ctx, req.GetSubjectId(), req.GetHoldId())
	if err != nil {
		return nil, err
	}
	return &privacyv1.ReleaseLegalHoldResponse{Hold: holdToProto(h)}, nil
}

// EraseSubject implements privacyv1.PrivacyServiceServer.
func (s *Server) EraseSubject(ctx context.Context, req *privacyv1.EraseSubjectRequest) (*privacyv1.EraseSubjectResponse, error) {
	at, err := s.app.EraseSubject(ctx, req.GetSubjectId())
	if err != nil {
		return nil, err
	}
	return &privacyv1.EraseSubjectResponse{SubjectId: req.GetSubjectId(), EraseTime: timestamppb.New(at)}, nil
}

// GetKeyStatus implements privacyv1.PrivacyServiceServer.
func (s *Server) GetKeyStatus(ctx context.Context, _ *privacyv1.GetKeyStatusRequest) (*privacyv1.KeyStatus, error) {
	st, err := s.app.GetKeyStatus(ctx)
	if err != nil {
		return nil, err
	}
	out := &privacyv1.KeyStatus{ActiveVersion: int32(st.Active), IndexActiveVersion: int32(st.IndexActive)}
	for v, n := range st.Usage {
		out.Usage = append(out.Usage, &privacyv1.KeyVersionUsage{Version: int32(v), DataKeys: n})
	}
	for v, n := range st.IndexUsage {
		out.IndexUsage = append(out.IndexUsage, &privacyv1.IndexVersionUsage{Version: int32(v), Fields: n})
	}
	return out, nil
}

// RewrapDataKeys implements privacyv1.PrivacyServiceServer.
func (s *Server) RewrapDataKeys(ctx context.Context, _ *privacyv1.RewrapDataKeysRequest) (*privacyv1.RewrapDataKeysResponse, error) {
	n, err := s.app.RewrapDataKeys(ctx)
	if err != nil {
		return nil, err
	}
	st := int32(s.app.ActiveKeyVersion())
	return &privacyv1.RewrapDataKeysResponse{Rewrapped: int64(n), ActiveVersion: st}, nil
}
