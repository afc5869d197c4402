package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// ProgressAfter is when an open complaint gets a progress notice without
// being asked: 30 days after receipt.
const ProgressAfter = 30 * 24 * time.Hour

// AnnounceDue announces, once each, complaints nearing their due time,
// past it, and open for 30 days. It is safe with N replicas: the store
// claims rows with FOR UPDATE SKIP LOCKED and the announcement marks are
// written with the events in the same transaction.
func (s *Service) AnnounceDue(ctx context.Context, batch int) (int, error) {
	now := s.now()
	return s.store.ClaimDue(ctx, now, now.Add(-ProgressAfter), batch, func(cp *domain.Complaint) error {
		switch {
		case !now.Before(cp.Due.At) && cp.OverdueAnnouncedAt.IsZero():
			cp.Announce(true, now)
		case !now.Before(cp.Due.WarnAt) && cp.DueSoonAnnouncedAt.IsZero() && now.Before(cp.Due.At):
			cp.Announce(false, now)
		}
		if cp.ProgressNoticedAt.IsZero() && !cp.ReceivedAt.After(now.Add(-ProgressAfter)) {
			cp.NoteProgress("system", "30 days since receipt", now)
		}
		return nil
	})
}

// RunDueAnnouncer runs AnnounceDue every interval until ctx ends, and
// measures the figures ops alert on after each round.
func (s *Service) RunDueAnnouncer(ctx context.Context, interval time.Duration, log *slog.Logger) error {
	for {
		for {
			n, err := s.AnnounceDue(ctx, 100)
			if err != nil && ctx.Err() == nil {
				log.Warn("due announcement round failed", "err", err)
			}
			if n < 100 || err != nil {
				break
			}
		}
		if err := s.Measure(ctx); err != nil && ctx.Err() == nil {
			log.Warn("complaint figures not measured", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(interval):
		}
	}
}
