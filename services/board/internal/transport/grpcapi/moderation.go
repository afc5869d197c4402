package grpcapi

import (
	"context"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// FileReport reports a post or comment.
func (s *Server) FileReport(ctx context.Context, req *boardv1.FileReportRequest) (*boardv1.FileReportResponse, error) {
	r, dup, err := s.app.FileReport(ctx, app.NewReport{Kind: kindFrom(req.GetTargetType()), TargetID: req.GetTargetId(),
		Ground: req.GetGround(), Text: req.GetText()})
	if err != nil {
		return nil, err
	}
	return &boardv1.FileReportResponse{ReportId: r.ID, Duplicate: dup}, nil
}

// ListModerationQueueItems lists open cases for moderators.
func (s *Server) ListModerationQueueItems(ctx context.Context, req *boardv1.ListModerationQueueItemsRequest) (*boardv1.ListModerationQueueItemsResponse, error) {
	page, err := s.app.ListModerationQueueItems(ctx, req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &boardv1.ListModerationQueueItemsResponse{NextPageToken: page.Next}
	for _, e := range page.Entries {
		out.QueueItems = append(out.QueueItems, queueItemTo(e))
	}
	return out, nil
}

// DecideModeration keeps, hides or removes an item.
func (s *Server) DecideModeration(ctx context.Context, req *boardv1.DecideModerationRequest) (*boardv1.DecideModerationResponse, error) {
	d, err := s.app.DecideModeration(ctx, app.DecideInput{Kind: kindFrom(req.GetTargetType()), TargetID: req.GetTargetId(), Etag: req.GetEtag(),
		DecisionInput: domain.DecisionInput{Outcome: outcomeFrom(req.GetOutcome()), Ground: req.GetGround(),
			PublicExplanation: req.GetPublicExplanation(), Facts: req.GetFacts(), HideDays: int(req.GetHideDays()),
			Source: sourceFrom(req.GetSource()), ExplanationTranslations: wire.Texts(req.GetPublicExplanationTranslations())}})
	if err != nil {
		return nil, err
	}
	return &boardv1.DecideModerationResponse{Decision: decisionTo(d, true, reader(ctx))}, nil
}

// FileAppeal appeals a removal.
func (s *Server) FileAppeal(ctx context.Context, req *boardv1.FileAppealRequest) (*boardv1.FileAppealResponse, error) {
	a, err := s.app.FileAppeal(ctx, req.GetDecisionId(), req.GetReason())
	if err != nil {
		return nil, err
	}
	return &boardv1.FileAppealResponse{Appeal: appealTo(a, reader(ctx))}, nil
}

// ListAppeals lists appeals for moderators.
func (s *Server) ListAppeals(ctx context.Context, req *boardv1.ListAppealsRequest) (*boardv1.ListAppealsResponse, error) {
	page, err := s.app.ListAppeals(ctx, appealStatusFrom(req.GetStatus()), req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &boardv1.ListAppealsResponse{NextPageToken: page.Next}
	for _, a := range page.Appeals {
		out.Appeals = append(out.Appeals, appealTo(a, reader(ctx)))
	}
	return out, nil
}

// DecideAppeal upholds or reverses a removal.
func (s *Server) DecideAppeal(ctx context.Context, req *boardv1.DecideAppealRequest) (*boardv1.DecideAppealResponse, error) {
	a, restoration, err := s.app.DecideAppeal(ctx, req.GetAppealId(), req.GetReverse(), req.GetResolution())
	if err != nil {
		return nil, err
	}
	out := &boardv1.DecideAppealResponse{Appeal: appealTo(a, reader(ctx))}
	if restoration != nil {
		out.Restoration = decisionTo(*restoration, true, reader(ctx))
	}
	return out, nil
}

// ListModerationDecisions is the public moderation log.
func (s *Server) ListModerationDecisions(ctx context.Context, req *boardv1.ListModerationDecisionsRequest) (*boardv1.ListModerationDecisionsResponse, error) {
	lang, err := readerLanguage(ctx, req.GetLanguage())
	if err != nil {
		return nil, err
	}
	page, err := s.app.ListModerationDecisions(ctx, req.GetBoardId(), req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &boardv1.ListModerationDecisionsResponse{NextPageToken: page.Next}
	for _, d := range page.Entries {
		out.Decisions = append(out.Decisions, decisionTo(d, false, lang))
	}
	return out, nil
}

// GetTransparencyReport summarises a period.
func (s *Server) GetTransparencyReport(ctx context.Context, req *boardv1.GetTransparencyReportRequest) (*boardv1.TransparencyReport, error) {
	from, to := timeOrZero(req.GetStartTime()), timeOrZero(req.GetEndTime())
	r, err := s.app.GetTransparencyReport(ctx, from, to, req.GetBoardId())
	if err != nil {
		return nil, err
	}
	return reportTo(r), nil
}
