package grpcapi

import (
	"context"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// GetAccount returns a statement header and open lots.
func (s *Server) GetAccount(ctx context.Context, req *mileagev1.GetAccountRequest) (*mileagev1.Account, error) {
	v, err := s.app.GetAccount(ctx, req.GetSubjectId())
	if err != nil {
		return nil, err
	}
	resp := &mileagev1.Account{SubjectId: v.Subject, Balance: v.Balance, Held: v.Held, Debt: v.Debt,
		ExpiringSoon: v.ExpiringSoon}
	for _, l := range v.Lots {
		resp.Lots = append(resp.Lots, toLot(l))
	}
	return resp, nil
}

// ListHistoryLines pages through statement lines.
func (s *Server) ListHistoryLines(ctx context.Context, req *mileagev1.ListHistoryLinesRequest) (*mileagev1.ListHistoryLinesResponse, error) {
	lines, next, err := s.app.ListHistoryLines(ctx, req.GetSubjectId(), int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	resp := &mileagev1.ListHistoryLinesResponse{NextPageToken: next}
	for _, h := range lines {
		resp.HistoryLines = append(resp.HistoryLines, &mileagev1.HistoryLine{TransactionId: h.TransactionID, Kind: h.Kind,
			Points: h.Points, Memo: h.Memo, Reference: h.Reference, PostTime: ts(h.PostedAt)})
	}
	return resp, nil
}

// GrantPoints credits points by hand, or requests a large grant.
func (s *Server) GrantPoints(ctx context.Context, req *mileagev1.GrantPointsRequest) (*mileagev1.GrantPointsResponse, error) {
	g, err := s.app.GrantPoints(ctx, req.GetSubjectId(), req.GetPoints(), req.GetReason(), req.GetRequestId())
	if err != nil {
		return nil, err
	}
	resp := &mileagev1.GrantPointsResponse{}
	if g.Award != nil {
		resp.Award = toAward(*g.Award)
	}
	if g.Request != nil {
		resp.Grant = toGrant(*g.Request)
	}
	return resp, nil
}

// ApproveGrant credits a pending grant as a second official.
func (s *Server) ApproveGrant(ctx context.Context, req *mileagev1.ApproveGrantRequest) (*mileagev1.ApproveGrantResponse, error) {
	r, aw, err := s.app.ApproveGrant(ctx, req.GetGrantId())
	if err != nil {
		return nil, err
	}
	return &mileagev1.ApproveGrantResponse{Grant: toGrant(r), Award: toAward(aw)}, nil
}

// ReverseAward corrects an award (officials, admins).
func (s *Server) ReverseAward(ctx context.Context, req *mileagev1.ReverseAwardRequest) (*mileagev1.ReverseAwardResponse, error) {
	aw, reversed, debt, err := s.app.ReverseAward(ctx, req.GetAwardId(), req.GetReason())
	if err != nil {
		return nil, err
	}
	return &mileagev1.ReverseAwardResponse{Award: toAward(aw), Reversed: reversed, DebtAdded: debt}, nil
}

// Redeem spends points (the signed-in citizen).
func (s *Server) Redeem(ctx context.Context, req *mileagev1.RedeemRequest) (*mileagev1.RedeemResponse, error) {
	r, err := s.app.Redeem(ctx, domain.RedeemRequest{IdempotencyKey: req.GetIdempotencyKey(), ItemID: req.GetItemId(),
		Points: req.GetPoints(), CardNumber: req.GetTransitCardNumber(), AccountNumber: req.GetAccountNumber()})
	if err != nil {
		return nil, err
	}
	return &mileagev1.RedeemResponse{Redemption: toRedemption(r)}, nil
}

// GetRedemption returns one redemption.
func (s *Server) GetRedemption(ctx context.Context, req *mileagev1.GetRedemptionRequest) (*mileagev1.Redemption, error) {
	r, err := s.app.GetRedemption(ctx, req.GetRedemptionId())
	if err != nil {
		return nil, err
	}
	return toRedemption(r), nil
}

// ListRedemptions pages through a citizen's redemptions.
func (s *Server) ListRedemptions(ctx context.Context, req *mileagev1.ListRedemptionsRequest) (*mileagev1.ListRedemptionsResponse, error) {
	list, next, err := s.app.ListRedemptions(ctx, req.GetSubjectId(), int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	resp := &mileagev1.ListRedemptionsResponse{NextPageToken: next}
	for _, r := range list {
		resp.Redemptions = append(resp.Redemptions, toRedemption(r))
	}
	return resp, nil
}

// GetLiabilityReport reports one budget year (admins).
func (s *Server) GetLiabilityReport(ctx context.Context, req *mileagev1.GetLiabilityReportRequest) (*mileagev1.LiabilityReport, error) {
	l, err := s.app.GetLiabilityReport(ctx, int(req.GetBudgetYear()))
	if err != nil {
		return nil, err
	}
	return &mileagev1.LiabilityReport{BudgetYear: int32(l.BudgetYear), Issued: l.Issued,
		Outstanding: l.Outstanding, Held: l.Held, RedeemedByChannel: l.RedeemedByChannel, Redeemed: l.Redeemed(),
		Expired: l.Expired, ClawedBack: l.ClawedBack, Balanced: l.Balanced(), DebtOutstanding: l.DebtOutstanding}, nil
}
