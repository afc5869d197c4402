package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// RecomputeProvisional computes again, with the table in force, the due
// dates that were provisional because their period ran past an older table
// (A6.2), draining them in batches. It is safe with N replicas: the store
// claims rows with FOR UPDATE SKIP LOCKED.
func (s *App) RecomputeProvisional(ctx context.Context) (int, error) {
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for {
		now := s.now()
		n, err := s.store.ClaimProvisional(ctx, cal.Version, dueBatch, func(cp *domain.Complaint) error {
			return cp.RecomputeDue(cal, now)
		})
		total += n
		if err != nil || n < dueBatch {
			return total, err
		}
	}
}
