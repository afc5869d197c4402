package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ListCatalogItems lists the redemption catalog. Public.
func (a *App) ListCatalogItems(ctx context.Context) ([]domain.CatalogItem, error) {
	return a.catalog.List(ctx, true)
}
