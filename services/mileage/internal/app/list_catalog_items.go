package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// Catalog lists the redemption catalog. Public.
func (a *App) Catalog(ctx context.Context) ([]domain.CatalogItem, error) {
	return a.catalog.List(ctx, true)
}
