package grpcapi

import (
	"context"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
)

// GetScorecard evaluates and ranks departments for a period.
func (s *Server) GetScorecard(ctx context.Context, req *contentv1.GetScorecardRequest) (*contentv1.GetScorecardResponse, error) {
	sc, err := s.app.GetScorecard(ctx, timeOf(req.GetPeriodStart()), timeOf(req.GetPeriodEnd()))
	if err != nil {
		return nil, err
	}
	out := &contentv1.GetScorecardResponse{PeriodStart: ts(sc.Period.Start), PeriodEnd: ts(sc.Period.End),
		Method: sc.Method, Provisional: sc.Provisional}
	for _, d := range sc.Departments {
		out.Departments = append(out.Departments, &contentv1.DepartmentScore{
			DepartmentCode: d.Department.Code, DepartmentNameKo: d.Department.NameKo,
			Items: int32(d.Items), FreshItems: int32(d.FreshItems), FreshShare: d.FreshShare,
			OverdueItems: int32(d.OverdueItems), MeanOverdueDays: d.MeanOverdueDays, MaxOverdueDays: d.MaxOverdueDays,
			TranslationCoverage: d.TranslationCoverage, Helpful: d.Feedback.Helpful, NotHelpful: d.Feedback.NotHelpful,
			Score: d.Score, Rank: int32(d.Rank), Incentive: d.Incentive,
		})
	}
	return out, nil
}
