package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// RequestAdditionalAnswer reopens the caller's answered complaint.
func (s *App) RequestAdditionalAnswer(ctx context.Context, t Target, reason string) (*domain.Complaint, error) {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	requiredText(&v, "reason", reason, 5000, "ANSWER_LEFT_OPEN_REQUIRED")
	if err := v.Err(); err != nil {
		return nil, err
	}
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return nil, err
	}
	return s.complainant(ctx, t, func(cp *domain.Complaint) error {
		return cp.Reopen(mask(reason), s.now(), cal)
	})
}
