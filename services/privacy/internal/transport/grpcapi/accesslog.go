package grpcapi

import (
	"context"
	"encoding/base64"
	"encoding/hex"

	"google.golang.org/protobuf/types/known/timestamppb"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/enummap"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

var outcomes = enummap.New(map[domain.Outcome]privacyv1.AccessOutcome{
	domain.OutcomeRevealed:  privacyv1.AccessOutcome_ACCESS_OUTCOME_REVEALED,
	domain.OutcomeMasked:    privacyv1.AccessOutcome_ACCESS_OUTCOME_MASKED,
	domain.OutcomeDenied:    privacyv1.AccessOutcome_ACCESS_OUTCOME_DENIED,
	domain.OutcomeStored:    privacyv1.AccessOutcome_ACCESS_OUTCOME_STORED,
	domain.OutcomeLookedUp:  privacyv1.AccessOutcome_ACCESS_OUTCOME_LOOKED_UP,
	domain.OutcomeDisclosed: privacyv1.AccessOutcome_ACCESS_OUTCOME_DISCLOSED,
	domain.OutcomeErased:    privacyv1.AccessOutcome_ACCESS_OUTCOME_ERASED,
})

// ListAccessLogEntries implements privacyv1.PrivacyServiceServer.
func (s *Server) ListAccessLogEntries(ctx context.Context, req *privacyv1.ListAccessLogEntriesRequest) (*privacyv1.ListAccessLogEntriesResponse, error) {
	page, err := s.app.ListAccessLog(ctx, app.AccessFilter{SubjectID: req.GetSubjectId(), ActorSubject: req.GetActorSubject()},
		int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ListAccessLogEntriesResponse{NextPageToken: page.NextToken}
	for _, e := range page.Entries {
		out.AccessLogEntries = append(out.AccessLogEntries, &privacyv1.AccessLogEntry{
			Seq: e.Seq, OccurTime: timestamppb.New(e.OccurredAt), ActorSubject: e.ActorSubject,
			ActorRoles: e.ActorRoles, ActorDepartment: e.ActorDepartment, CallingService: e.CallingService,
			SubjectId: e.SubjectID, Fields: e.Fields, Purpose: e.Purpose, CaseReference: e.CaseReference,
			Outcome: outcomes.To(e.Outcome), Reason: e.Reason, Hash: hex.EncodeToString(e.Hash),
		})
	}
	return out, nil
}

// VerifyAccessLog implements privacyv1.PrivacyServiceServer.
func (s *Server) VerifyAccessLog(ctx context.Context, _ *privacyv1.VerifyAccessLogRequest) (*privacyv1.VerifyAccessLogResponse, error) {
	c, err := s.app.VerifyAccessLog(ctx)
	if err != nil {
		return nil, err
	}
	return &privacyv1.VerifyAccessLogResponse{Intact: c.Intact, EntriesChecked: c.EntriesChecked,
		FirstBrokenSeq: c.FirstBrokenSeq, HeadHash: hex.EncodeToString(c.HeadHash),
		AnchorsChecked: c.AnchorsChecked, AnchorMismatchSeq: c.AnchorMismatchSeq}, nil
}

// ListAccessLogAnchors implements privacyv1.PrivacyServiceServer.
func (s *Server) ListAccessLogAnchors(ctx context.Context, req *privacyv1.ListAccessLogAnchorsRequest) (*privacyv1.ListAccessLogAnchorsResponse, error) {
	list, next, err := s.app.ListAccessLogAnchors(ctx, int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &privacyv1.ListAccessLogAnchorsResponse{NextPageToken: next,
		PublicKey: base64.StdEncoding.EncodeToString(s.app.AnchorPublicKey())}
	for _, a := range list {
		out.AccessLogAnchors = append(out.AccessLogAnchors, &privacyv1.AccessLogAnchor{Number: a.Number, Seq: a.Seq,
			HeadHash: hex.EncodeToString(a.Head), AnchorTime: ts(a.At), PreviousHash: hex.EncodeToString(a.Previous),
			Signature: base64.StdEncoding.EncodeToString(a.Signature)})
	}
	return out, nil
}
