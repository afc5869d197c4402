package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ListRedemptions pages through a citizen's redemptions, newest first; subject
// "me" is the caller. The citizen, officials and admins.
func (a *App) ListRedemptions(ctx context.Context, subject, beforeID string, limit int) ([]domain.Redemption, error) {
	subject, err := a.resolveSubject(ctx, subject)
	if err != nil {
		return nil, err
	}
	return a.redemptions.List(ctx, subject, beforeID, limit)
}
