package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ListAccessLogAnchors pages the signed anchors, newest first. Public: an
// anchor says nothing about anyone, and whoever keeps copies can hold a
// later verification to them.
func (a *App) ListAccessLogAnchors(ctx context.Context, pageSize int, pageToken string) ([]domain.Anchor, string, error) {
	size, err := pagetoken.Size(pageSize, 50, 500)
	if err != nil {
		return nil, "", err
	}
	return a.Anchors.List(ctx, pagetoken.Page{Size: size, Token: pageToken})
}
