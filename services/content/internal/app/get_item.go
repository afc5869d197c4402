package app

import (
	"context"
	"regexp"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ReadItem is an item as one reader gets it.
type ReadItem struct {
	Item *domain.Item
	// Language is the normalized language asked for ("" = Korean).
	Language string
	// Editor is true when every language's text may be shown.
	Editor bool
}

// GetItem asks for one item.
type GetItem struct {
	ID, Slug string
	Language string
	Editor   bool
	// Fresh asks for what the database holds now, past the read cache
	// (the edge refilling its own cache: platform/freshread).
	Fresh bool
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// GetItem returns an item by id or slug in the reader's language (A2).
// The public sees published items only; the editor view is for the
// department's officials and admins. Each public read is counted without
// writing on the read path.
func (a *App) GetItem(ctx context.Context, q GetItem) (ReadItem, error) {
	lang, err := checkLanguage("language", q.Language)
	if err != nil {
		return ReadItem{}, err
	}
	it, err := a.load(ctx, q)
	if err != nil {
		return ReadItem{}, err
	}
	if err := visible(ctx, it); err != nil {
		return ReadItem{}, err
	}
	if q.Editor {
		if _, err := identity.RequireDepartment(ctx, it.DepartmentCode); err != nil {
			return ReadItem{}, err
		}
	}
	if it.Status == domain.StatusPublished {
		a.views.Record(it.ID)
	}
	return ReadItem{Item: it, Language: lang, Editor: q.Editor}, nil
}

func (a *App) load(ctx context.Context, q GetItem) (*domain.Item, error) {
	// An id is its own key; a slug's is marked, as no id has a colon.
	get, arg, key := a.items.Get, q.ID, q.ID
	if q.ID == "" {
		if !slugPattern.MatchString(q.Slug) {
			return nil, errs.Invalid("slug", "SLUG")
		}
		get, arg, key = a.items.GetBySlug, q.Slug, "slug:"+q.Slug
	} else if err := checkID(q.ID); err != nil {
		return nil, err
	}
	// Only what every anonymous reader gets alike is kept: a published
	// item, read by no one signed in, not the editor view.
	if a.cache == nil || q.Editor || !identity.From(ctx).Anonymous() {
		return get(ctx, arg)
	}
	if it, ok := a.cache.Get(key); ok && !q.Fresh {
		return it, nil
	}
	gen := a.cache.Generation()
	it, err := get(ctx, arg)
	if err == nil && it.Status == domain.StatusPublished {
		a.cache.Put(key, it, gen)
	}
	return it, err
}
