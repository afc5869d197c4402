package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// PublishItem publishes an item in review. Citizens must be able to reach
// the responsible department, so publishing is refused while it has no
// public phone or e-mail (A4.2).
func (a *App) PublishItem(ctx context.Context, t Target) (*domain.Item, error) {
	return a.change(ctx, t, func(it *domain.Item) error {
		d, err := a.departments.Get(ctx, it.DepartmentCode)
		if err != nil {
			return err
		}
		if !d.HasContact() {
			return errs.FailedPrecondition("DEPARTMENT_WITHOUT_CONTACT", "department", d.Code)
		}
		return it.Publish(actor(ctx), a.now(), a.cycles)
	})
}
