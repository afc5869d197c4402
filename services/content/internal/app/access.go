package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// canEdit reports whether the caller edits department's items: its
// officials and admins.
func canEdit(ctx context.Context, department string) bool {
	c := identity.From(ctx)
	return c.Has(identity.RoleAdmin) || c.OfficialOf(department)
}

// visible hides what the caller may not see as NotFound, so the public
// cannot probe for drafts: only published items are public.
func visible(ctx context.Context, it *domain.Item) error {
	if it.Status == domain.StatusPublished || canEdit(ctx, it.DepartmentCode) {
		return nil
	}
	return errs.NotFound("ITEM_NOT_FOUND", "id", it.ID)
}

// Target addresses the item a change applies to; Etag, when set, must be
// the item's current etag, so a change made meanwhile is not overwritten.
type Target struct {
	ID   string
	Etag string
}

// change applies fn to an item the caller may edit, inside the item's
// lock, so the authorization and etag checks see the state that is changed.
func (a *App) change(ctx context.Context, t Target, fn func(*domain.Item) error) (*domain.Item, error) {
	if err := checkID(t.ID); err != nil {
		return nil, err
	}
	return a.items.Update(ctx, t.ID, func(it *domain.Item) error {
		if err := visible(ctx, it); err != nil {
			return err
		}
		if _, err := identity.RequireDepartment(ctx, it.DepartmentCode); err != nil {
			return err
		}
		if err := etag.Check(t.Etag, etag.Of(it.Version)); err != nil {
			return err
		}
		return fn(it)
	})
}

func actor(ctx context.Context) string { return identity.From(ctx).Subject }
