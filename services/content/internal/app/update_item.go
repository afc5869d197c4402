package app

import (
	"context"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// UpdateItem replaces an item's content.
type UpdateItem struct {
	ItemID string
	// ExpectedVersion, when non-zero, must match the stored version.
	ExpectedVersion int64
	ContentInput
	Note string
}

// UpdateItem replaces the content of an item the caller edits. Moving an
// item to another department needs the right to edit there too. On a
// published item it makes a revision and counts as a review (A4.1).
func (a *App) UpdateItem(ctx context.Context, cmd UpdateItem) (*domain.Item, error) {
	if err := checkID(cmd.ItemID); err != nil {
		return nil, err
	}
	c, err := cmd.validate()
	if err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(cmd.Note) > 500 {
		return nil, errs.Invalid("change_note", "at most 500 characters")
	}
	if cmd.ExpectedVersion < 0 {
		// Versions start at 1: a negative one is a client mistake, not a
		// concurrent change (Aborted would invite a pointless retry).
		return nil, errs.Invalid("expected_version", "must not be negative")
	}
	if _, err := identity.RequireDepartment(ctx, c.DepartmentCode); err != nil {
		return nil, err
	}
	if _, err := a.knownDepartment(ctx, c.DepartmentCode); err != nil {
		return nil, err
	}
	return a.change(ctx, cmd.ItemID, func(it *domain.Item) error {
		if cmd.ExpectedVersion != 0 && cmd.ExpectedVersion != it.Version {
			return errs.Conflict("item changed since version %d (now %d)", cmd.ExpectedVersion, it.Version)
		}
		_, err := it.Replace(c, actor(ctx), cmd.Note, a.now(), a.cycles)
		return err
	})
}
