package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// CloseRepeatedComplaint closes a complaint repeated without new reasons.
func (s *App) CloseRepeatedComplaint(ctx context.Context, t Target, earlierIDs []string, note string) (*domain.Complaint, error) {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	v.Check(len(earlierIDs) < 2 || len(earlierIDs) > 20, "earlier_complaint_ids", "COUNT_BETWEEN", "min", 2, "max", 20)
	for _, e := range earlierIDs {
		v.Check(checkID("earlier_complaint_ids", e) != nil, "earlier_complaint_ids", "NOT_UUID")
	}
	requiredText(&v, "note", note, 2000, "NOTE_NO_NEW_REASONS")
	if err := v.Err(); err != nil {
		return nil, err
	}
	earlier := make([]*domain.Complaint, 0, len(earlierIDs))
	for _, e := range earlierIDs {
		cp, err := s.store.GetComplaint(ctx, e)
		if err != nil {
			return nil, err
		}
		earlier = append(earlier, cp)
	}
	return s.handle(ctx, t, func(c identity.Claims, cp *domain.Complaint) error {
		return cp.CloseRepeated(actor(c), mask(note), earlier, s.now())
	})
}
