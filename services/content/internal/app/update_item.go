package app

import (
	"context"
	"maps"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/fieldmask"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Updatable is what UpdateItem's mask may name: a text map as a whole
// (title) or one language of it (title.en).
var Updatable = []string{"department_code", "kind", "slug", "title.*", "summary.*", "body.*", "tags", "attachments"}

// UpdateItem changes the masked fields of an item's content.
type UpdateItem struct {
	Target
	// Mask names the fields of ContentInput that change (AIP-134).
	Mask fieldmask.Mask
	ContentInput
	Note string
}

// UpdateItem changes the masked fields of an item the caller edits; the
// others keep their stored values, and the result is validated as a whole.
// Moving an item to another department needs the right to edit there too.
// On a published item it makes a revision and counts as a review (A4.1).
func (a *App) UpdateItem(ctx context.Context, cmd UpdateItem) (*domain.Item, error) {
	if utf8.RuneCountInString(cmd.Note) > 500 {
		return nil, errs.Invalid("change_note", "TOO_LONG", "max", 500)
	}
	return a.change(ctx, cmd.Target, func(it *domain.Item) error {
		c, err := patched(it.Content, cmd.ContentInput, cmd.Mask).validate()
		if err != nil {
			return errs.Nest(err, "item")
		}
		if c.DepartmentCode != it.DepartmentCode {
			if _, err := identity.RequireDepartment(ctx, c.DepartmentCode); err != nil {
				return err
			}
			if _, err := a.knownDepartment(ctx, c.DepartmentCode); err != nil {
				return errs.Nest(err, "item")
			}
		}
		_, err = it.Replace(c, actor(ctx), cmd.Note, a.now(), a.cycles)
		return err
	})
}

// patched is the stored content with the masked fields of in laid over it.
func patched(old domain.Content, in ContentInput, m fieldmask.Mask) ContentInput {
	out := inputOf(old)
	if m.Has("department_code") {
		out.DepartmentCode = in.DepartmentCode
	}
	if m.Has("kind") {
		out.Kind = in.Kind
	}
	if m.Has("slug") {
		out.Slug = in.Slug
	}
	if m.Has("tags") {
		out.Tags = in.Tags
	}
	if m.Has("attachments") {
		out.Attachments = in.Attachments
	}
	out.Texts.Title = patchedTexts(out.Texts.Title, in.Texts.Title, m, "title")
	out.Texts.Summary = patchedTexts(out.Texts.Summary, in.Texts.Summary, m, "summary")
	out.Texts.Body = patchedTexts(out.Texts.Body, in.Texts.Body, m, "body")
	return out
}

// patchedTexts applies the mask to one text map: the whole map, or the
// languages named one by one (an empty or absent value removes that
// language's text).
func patchedTexts(old, in map[string]string, m fieldmask.Mask, field string) map[string]string {
	if m.Has(field) {
		return in
	}
	out := maps.Clone(old)
	for _, tag := range m.Keys(field) {
		key := tag
		if lang, ok := domain.NormalizeLanguage(tag); ok {
			key = lang
		}
		if s := in[tag]; s != "" {
			out[key] = s
		} else {
			delete(out, key)
		}
	}
	return out
}

// inputOf is stored content as a request would carry it.
func inputOf(c domain.Content) ContentInput {
	raw := domain.RawTexts{Title: map[string]string{}, Summary: map[string]string{}, Body: map[string]string{}}
	for lang, t := range c.Texts {
		setNonEmpty(raw.Title, lang, t.Title)
		setNonEmpty(raw.Summary, lang, t.Summary)
		setNonEmpty(raw.Body, lang, t.Body)
	}
	return ContentInput{DepartmentCode: c.DepartmentCode, Kind: c.Kind, Slug: c.Slug, Texts: raw,
		Tags: c.Tags, Attachments: c.Attachments}
}

func setNonEmpty(m map[string]string, key, value string) {
	if value != "" {
		m[key] = value
	}
}
