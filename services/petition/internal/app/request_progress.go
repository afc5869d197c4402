package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// RequestProgress gives the complainant a progress notice on request: the
// status and the due date, and a progress event for the notification
// service.
func (s *App) RequestProgress(ctx context.Context, id string) (*domain.Complaint, error) {
	if err := checkID("complaint_id", id); err != nil {
		return nil, err
	}
	c := identity.From(ctx)
	return s.complainant(ctx, Target{ID: id}, func(cp *domain.Complaint) error {
		cp.NoteProgress(actor(c), s.now())
		return nil
	})
}
