package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// ConsentToExtension records the complainant's consent to, or refusal of,
// a further extension of their complaint's period (시행령 제21조①): the
// office cannot extend a second time without it.
func (s *App) ConsentToExtension(ctx context.Context, t Target, granted bool) (*domain.Complaint, error) {
	if err := checkID("complaint_id", t.ID); err != nil {
		return nil, err
	}
	return s.complainant(ctx, t, func(cp *domain.Complaint) error {
		return cp.DecideExtensionConsent(granted, s.now())
	})
}
