package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// RateComplaint records the complainant's satisfaction (1–5).
func (s *App) RateComplaint(ctx context.Context, t Target, satisfaction int, comment string) (*domain.Complaint, error) {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	v.Check(satisfaction < 1 || satisfaction > 5, "satisfaction", "OUT_OF_RANGE", "min", 1, "max", 5)
	domain.CheckText(&v, "comment", comment, 0, 2000)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.complainant(ctx, t, func(cp *domain.Complaint) error {
		return cp.Rate(satisfaction, mask(comment), s.now())
	})
}
