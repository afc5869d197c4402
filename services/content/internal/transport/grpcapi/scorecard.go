package grpcapi

import (
	"context"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// GetScorecard evaluates and ranks departments for a period.
func (s *Server) GetScorecard(ctx context.Context, req *contentv1.GetScorecardRequest) (*contentv1.Scorecard, error) {
	sc, err := s.app.GetScorecard(ctx, timeOf(req.GetStartTime()), timeOf(req.GetEndTime()))
	if err != nil {
		return nil, err
	}
	out := &contentv1.Scorecard{StartTime: ts(sc.Period.Start), EndTime: ts(sc.Period.End),
		Method: sc.Method, Provisional: sc.Provisional}
	for _, d := range sc.Departments {
		out.Departments = append(out.Departments, &contentv1.DepartmentScore{
			DepartmentCode: d.Department.Code, DepartmentNameKo: d.Department.NameKo,
			Items: int32(d.Items), FreshItems: int32(d.FreshItems), FreshShare: d.FreshShare,
			OverdueItems: int32(d.OverdueItems), MeanOverdueDays: d.MeanOverdueDays, MaxOverdueDays: d.MaxOverdueDays,
			TranslationCoverage: d.TranslationCoverage, Helpful: d.Feedback.Helpful, NotHelpful: d.Feedback.NotHelpful,
			Score: d.Score, Rank: int32(d.Rank), Incentive: d.Incentive,
			Complaints: complaintsProto(d.Complaints), Moderation: moderationProto(d.Moderation),
		})
	}
	return out, nil
}

func complaintsProto(c domain.ComplaintHandling) *contentv1.ComplaintHandling {
	return &contentv1.ComplaintHandling{Answered: int32(c.Answered), MeanDaysToAnswer: c.MeanDaysToAnswer,
		AnsweredLate: int32(c.AnsweredLate), OpenOverdue: int32(c.OpenOverdue), OverdueShare: c.OverdueShare,
		Extensions: int32(c.Extensions)}
}

func moderationProto(m domain.ModerationReview) *contentv1.ModerationReview {
	return &contentv1.ModerationReview{Removals: int32(m.Removals), Overturned: int32(m.Overturned),
		OverturnedShare: m.OverturnedShare}
}
