package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// RecordComplaintFact keeps a step of a civil complaint the petition
// service announced, for the department evaluation (A4.3, A6.2). It runs
// for the complaints consumer, inside the transaction that records the
// event as consumed, so each fact is kept exactly once; a fact that can
// never be counted is bad input (dead-lettered, not retried).
func (a *App) RecordComplaintFact(ctx context.Context, f domain.ComplaintFact) error {
	if err := f.Validate(); err != nil {
		return err
	}
	f.RecordedAt = a.now()
	return a.facts.AddComplaint(ctx, f)
}
