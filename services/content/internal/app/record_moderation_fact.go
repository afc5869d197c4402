package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// RecordModerationFact keeps a removal of a post or comment, or its
// reversal on appeal, as the board service announced it, for the
// department evaluation (A4.3, A5). It runs for the moderation consumer,
// inside the transaction that records the event as consumed. Events from
// before the board named the answerable department cannot be attributed
// and are passed over.
func (a *App) RecordModerationFact(ctx context.Context, f domain.ModerationFact) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if !f.Attributable() {
		return nil
	}
	f.RecordedAt = a.now()
	return a.facts.AddModeration(ctx, f)
}
