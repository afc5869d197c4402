package app

import (
	"context"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// CreateItem is a new draft.
type CreateItem struct {
	RequestID string
	ContentInput
}

// CreateItem stores a draft owned by a department: its officials or admins
// (A3.1, A4.2). Content is validated before anything is stored; a retry
// with the same request id returns the first result.
func (a *App) CreateItem(ctx context.Context, cmd CreateItem) (*domain.Item, error) {
	c, err := cmd.validate()
	if err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(cmd.RequestID) > 100 {
		return nil, errs.Invalid("request_id", "TOO_LONG", "max", 100)
	}
	claims, err := identity.RequireDepartment(ctx, c.DepartmentCode)
	if err != nil {
		return nil, err
	}
	if _, err := a.knownDepartment(ctx, c.DepartmentCode); err != nil {
		return nil, err
	}
	it := domain.NewItem(newID(), c, claims.Subject, a.now())
	return a.items.Create(ctx, it, cmd.RequestID)
}
