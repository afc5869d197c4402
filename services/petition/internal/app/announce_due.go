package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// dueBatch is how many complaints one short transaction of the announcer
// claims.
const dueBatch = 100

// AnnounceDue announces, once each, complaints nearing their due time,
// past it, and open for 30 days, draining what is due in batches. It is
// safe with N replicas: the store claims rows with FOR UPDATE SKIP LOCKED
// and the announcement marks are written with the events in the same
// transaction.
func (s *App) AnnounceDue(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := s.announceBatch(ctx, dueBatch)
		total += n
		if err != nil || n < dueBatch {
			return total, err
		}
	}
}

func (s *App) announceBatch(ctx context.Context, batch int) (int, error) {
	now := s.now()
	return s.store.ClaimDue(ctx, now, now.Add(-domain.InterimAfter), batch, func(cp *domain.Complaint) error {
		switch {
		case !now.Before(cp.Due.At) && cp.OverdueAnnouncedAt.IsZero():
			cp.Announce(true, now)
		case !now.Before(cp.Due.WarnAt) && cp.DueSoonAnnouncedAt.IsZero() && now.Before(cp.Due.At):
			cp.Announce(false, now)
		}
		cp.NoteInterim(now)
		return nil
	})
}
