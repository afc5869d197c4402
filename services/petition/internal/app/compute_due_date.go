package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// ComputeDueDate tells when a complaint of type received at receivedAt
// (now if zero) would be due under the current table.
func (s *App) ComputeDueDate(ctx context.Context, typ string, receivedAt time.Time) (domain.DueDate, error) {
	t, ok := domain.TypeByCode(typ)
	if !ok {
		return domain.DueDate{}, errs.Invalid("complaint_type", "NOT_ONE_OF", "allowed", domain.TypeCodes())
	}
	if receivedAt.IsZero() {
		receivedAt = s.now()
	}
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return domain.DueDate{}, err
	}
	return domain.ComputeDue(receivedAt, t.Period, cal)
}
