package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// closeBatch is how many participation events one close transaction claims.
const closeBatch = 20

// CloseDue is the scheduled closer (a periodic job): it closes every
// participation event whose entry period has ended, so the entry list
// digest is published even when no official presses close. It claims due
// events in short transactions (SKIP LOCKED, safe with N replicas) until
// none is left, and reports how many it closed.
func (a *App) CloseDue(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := a.events.ClaimDueForClose(ctx, a.now(), closeBatch, func(e *domain.ParticipationEvent, in Entrants) error {
			return a.closeLocked(ctx, e, in)
		})
		total += n
		if err != nil || n < closeBatch {
			return total, err
		}
	}
}
