package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// GetNotice returns a notice to whoever may see it (ListNotices' rule);
// to anyone else it does not exist.
func (a *App) GetNotice(ctx context.Context, id string) (*domain.Notice, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkUUID("notice_id", id); err != nil {
		return nil, err
	}
	n, err := a.notices.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if v := viewer(c); v != nil && !n.VisibleTo(*v) {
		return nil, errs.NotFound("NOTICE_NOT_FOUND", "id", id)
	}
	return n, nil
}
