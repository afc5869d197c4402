package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// GetComplaint returns a complaint to its complainant and to those who may
// handle it; to anyone else it does not exist.
func (s *App) GetComplaint(ctx context.Context, id string) (*domain.Complaint, error) {
	if err := checkID("complaint_id", id); err != nil {
		return nil, err
	}
	cp, err := s.store.GetComplaint(ctx, id)
	if err != nil {
		return nil, err
	}
	if !s.canSee(identity.From(ctx), cp) {
		return nil, errs.NotFound("COMPLAINT_NOT_FOUND", "id", id)
	}
	return cp, nil
}
