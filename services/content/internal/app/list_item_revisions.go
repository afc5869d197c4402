package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ListItemRevisions returns every published revision of an item, oldest
// first: who changed what and when (A4.1). Public for published items; the
// public, citizens and other departments see the responsible department as
// the author of each revision (A4.2), only the item's department and admins
// the official's id (officials' subject ids are not published).
func (a *App) ListItemRevisions(ctx context.Context, id string) ([]domain.Revision, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	it, err := a.items.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := visible(ctx, it); err != nil {
		return nil, err
	}
	revs, err := a.items.Revisions(ctx, id)
	if err != nil || canEdit(ctx, it.DepartmentCode) {
		return revs, err
	}
	for i := range revs {
		revs[i].Actor = revs[i].Content.DepartmentCode
	}
	return revs, nil
}
