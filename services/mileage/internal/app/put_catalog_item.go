package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// PutCatalogItem creates or replaces an item (admins; A8.1.3). The name's
// languages given (A2) replace the stored ones, the others are kept
// (stale after a new Korean name).
func (a *App) PutCatalogItem(ctx context.Context, it domain.CatalogItem, names map[string]string) (domain.CatalogItem, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return it, err
	}
	item := func(stored *domain.CatalogItem) (domain.CatalogItem, error) {
		var prev *localized.Text
		if stored != nil {
			prev = &stored.Name
		}
		var v errs.Violations
		v.Merge(domain.ValidateItem(it))
		it.Name = domain.LocalText("item.name_texts", prev, names, domain.MaxItemName, &v)
		return it, v.Err()
	}
	if !domain.ValidItemID(it.ID) { // a malformed id is named, never looked up
		return item(nil)
	}
	return a.catalog.Put(ctx, it.ID, item)
}
