package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ListRedemptions pages through a citizen's redemptions, newest first; subject
// "me" is the caller. The citizen, officials and admins.
func (a *App) ListRedemptions(ctx context.Context, subject string, pageSize int, pageToken string) ([]domain.Redemption, string, error) {
	size, err := pagetoken.Size(pageSize, listDefault, listMax)
	if err != nil {
		return nil, "", err
	}
	if subject, err = a.resolveSubject(ctx, subject); err != nil {
		return nil, "", err
	}
	return a.redemptions.List(ctx, subject, pagetoken.Page{Size: size, Token: pageToken})
}
