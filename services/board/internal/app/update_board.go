package app

import (
	"context"
	"maps"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/fieldmask"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// BoardUpdatable is what UpdateBoard's mask may name (AIP-134): the Korean
// name and purpose, every translation of one, or one language of one.
var BoardUpdatable = []string{"name", "purpose", "name_translations", "name_translations.texts.*",
	"purpose_translations", "purpose_translations.texts.*"}

// BoardUpdate is a change of a board's texts: the fields Mask names take
// their values from the others.
type BoardUpdate struct {
	ID, Etag                              string
	Mask                                  fieldmask.Mask
	Name, Purpose                         string
	NameTranslations, PurposeTranslations map[string]string
}

// UpdateBoard changes a board's name and purpose and their translations
// (A2), for admins and officials of the operating department. A new
// Korean text is a new revision: translations not given with it are
// served marked stale until they are given again. Bad input changes
// nothing and names the request's fields (board.name_translations.texts.fr).
func (s *App) UpdateBoard(ctx context.Context, in BoardUpdate) (domain.Board, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return domain.Board{}, err
	}
	if err := requireID("board_id", in.ID); err != nil {
		return domain.Board{}, err
	}
	return s.boards.Update(ctx, in.ID, func(b *domain.Board) error {
		if err := domain.MayCreateBoard(c, b.DepartmentCode); err != nil {
			return err
		}
		if err := etag.Check(in.Etag, etag.Of(b.Revision)); err != nil {
			return err
		}
		if err := b.Edit(boardEdit(in)); err != nil {
			return errs.Nest(err, "board")
		}
		b.UpdatedAt = s.now()
		return nil
	})
}

// boardEdit reads the mask: a field named whole, or one language of a
// translations map (absent from the body: removed).
func boardEdit(in BoardUpdate) domain.BoardEdit {
	text := func(field, ko string, translations map[string]string) domain.TextEdit {
		var e domain.TextEdit
		if in.Mask.Has(field) {
			e.Ko = &ko
		}
		tr := field + "_translations"
		if in.Mask.Has(tr) || in.Mask.Has(tr+".texts") {
			e.Translations, e.ReplaceTranslations = maps.Clone(translations), true
		}
		for _, lang := range in.Mask.Keys(tr + ".texts") {
			if e.Translations == nil {
				e.Translations = map[string]string{}
			}
			e.Translations[lang] = translations[lang]
		}
		return e
	}
	return domain.BoardEdit{Name: text("name", in.Name, in.NameTranslations),
		Purpose: text("purpose", in.Purpose, in.PurposeTranslations)}
}
