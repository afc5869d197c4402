package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A3.1, A2: published items are public, in the reader's language; drafts
// are NotFound for everyone but their department (no probing); the editor
// view is the department's; only public reads of published items are
// counted as views.
func TestGetItem(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		caller   identity.Claims
		status   domain.Status
		query    func(it *domain.Item) app.GetItem
		want     errs.Kind
		field    string
		language string
		counted  bool
	}{
		{"public, published", anonymous, domain.StatusPublished, byID(""), errstest.Succeeds, "", "", true},
		{"public, by slug, in English", anonymous, domain.StatusPublished, bySlug("EN"), errstest.Succeeds, "", "en", true},
		{"public, draft", anonymous, domain.StatusDraft, byID(""), errs.KindNotFound, "", "", false},
		{"citizen, in review", citizen, domain.StatusInReview, byID(""), errs.KindNotFound, "", "", false},
		{"other department, draft", culture, domain.StatusDraft, byID(""), errs.KindNotFound, "", "", false},
		{"own department, draft", digital, domain.StatusDraft, byID(""), errstest.Succeeds, "", "", false},
		{"editor view, own department", digital, domain.StatusPublished, editor, errstest.Succeeds, "", "", true},
		{"editor view, citizen", citizen, domain.StatusPublished, editor, errs.KindPermissionDenied, "", "", false},
		{"editor view, anonymous", anonymous, domain.StatusPublished, editor, errs.KindUnauthenticated, "", "", false},
		{"bad language", anonymous, domain.StatusPublished, byID("english!"), errs.KindInvalid, "language", "", false},
		{"not an id", anonymous, domain.StatusPublished, func(*domain.Item) app.GetItem { return app.GetItem{ID: "42"} }, errs.KindInvalid, "item_id", "", false},
		{"bad slug", anonymous, domain.StatusPublished, func(*domain.Item) app.GetItem { return app.GetItem{Slug: "Bad Slug"} }, errs.KindInvalid, "slug", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			it := f.seed(t, "SMG-DIGITAL", tc.status)
			f.items.byID[it.ID].Slug = slugOf(it)
			got, err := f.app.GetItem(as(tc.caller), tc.query(it))
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.field != "" {
				requireInvalid(t, err, tc.field)
			}
			if tc.want == errstest.Succeeds {
				require.Equal(t, it.ID, got.Item.ID)
				require.Equal(t, tc.language, got.Language)
			}
			require.Equal(t, tc.counted, len(f.views.pending) == 1, "views: %v", f.views.pending)
		})
	}
}

func byID(language string) func(*domain.Item) app.GetItem {
	return func(it *domain.Item) app.GetItem { return app.GetItem{ID: it.ID, Language: language} }
}

// bySlug reads an item by the slug the tests give it (slugOf).
func bySlug(language string) func(*domain.Item) app.GetItem {
	return func(it *domain.Item) app.GetItem { return app.GetItem{Slug: slugOf(it), Language: language} }
}

func slugOf(it *domain.Item) string { return "policy-" + it.ID[len(it.ID)-4:] }

func editor(it *domain.Item) app.GetItem { return app.GetItem{ID: it.ID, Editor: true} }

// Issue 17: only what every anonymous reader gets alike is kept for the
// next reader — a published item read by no one signed in, outside the
// editor view — and a kept item is answered without the store, still
// counted as a view.
func TestGetItemKeepsOnlyAnonymousReadsOfPublishedItems(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		caller identity.Claims
		status domain.Status
		query  func(it *domain.Item) app.GetItem
		kept   bool
	}{
		{"public, published", anonymous, domain.StatusPublished, byID("en"), true},
		{"public, by slug", anonymous, domain.StatusPublished, bySlug(""), true},
		{"citizen, published", citizen, domain.StatusPublished, byID(""), false},
		{"official, published", digital, domain.StatusPublished, byID(""), false},
		{"editor view", digital, domain.StatusPublished, editor, false},
		{"own department, draft", digital, domain.StatusDraft, byID(""), false},
		{"public, archived", anonymous, domain.StatusArchived, byID(""), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			it := f.seed(t, "SMG-DIGITAL", tc.status)
			f.items.byID[it.ID].Slug = slugOf(it)
			_, _ = f.app.GetItem(as(tc.caller), tc.query(it))
			require.Equal(t, tc.kept, len(f.cache.kept) == 1, "kept: %v", f.cache.kept)
			if !tc.kept {
				return
			}
			delete(f.items.byID, it.ID) // the second read must not need the store
			got, err := f.app.GetItem(as(tc.caller), tc.query(it))
			require.NoError(t, err)
			require.Equal(t, it.ID, got.Item.ID)
			require.Equal(t, []string{it.ID, it.ID}, f.views.pending, "every read is a view")
		})
	}
}

// Issue 17: a fresh read (the edge refilling its own cache after an event)
// is answered from the store even when the item is kept, and what it read
// replaces what was kept.
func TestGetItemFreshReadSkipsTheKeptItem(t *testing.T) {
	t.Parallel()
	f := newFixture()
	it := f.seed(t, "SMG-DIGITAL", domain.StatusPublished)
	_, err := f.app.GetItem(as(anonymous), app.GetItem{ID: it.ID})
	require.NoError(t, err)
	require.Len(t, f.cache.kept, 1)

	changed := *f.items.byID[it.ID]
	changed.Version++
	f.items.byID[it.ID] = &changed
	got, err := f.app.GetItem(as(anonymous), app.GetItem{ID: it.ID})
	require.NoError(t, err)
	require.Equal(t, it.Version, got.Item.Version, "a plain read is answered from what was kept")
	got, err = f.app.GetItem(as(anonymous), app.GetItem{ID: it.ID, Fresh: true})
	require.NoError(t, err)
	require.Equal(t, changed.Version, got.Item.Version)
	got, err = f.app.GetItem(as(anonymous), app.GetItem{ID: it.ID})
	require.NoError(t, err)
	require.Equal(t, changed.Version, got.Item.Version, "the fresh read replaced what was kept")
}
