package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// AppealPage is one page of appeals.
type AppealPage struct {
	Appeals []AppealView
	Next    string
}

// ListAppeals lists appeals for moderators, newest first, optionally by
// status.
func (s *App) ListAppeals(ctx context.Context, status domain.AppealStatus, size int32, token string) (AppealPage, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleModerator); err != nil {
		return AppealPage{}, err
	}
	switch status {
	case "", domain.AppealPending, domain.AppealUpheld, domain.AppealReversed:
	default:
		return AppealPage{}, errs.Invalid("status", "NOT_ONE_OF", "allowed", "APPEAL_STATUS_PENDING, APPEAL_STATUS_UPHELD, APPEAL_STATUS_REVERSED")
	}
	limit, err := pageSize(size)
	if err != nil {
		return AppealPage{}, err
	}
	list, next, err := s.appeals.List(ctx, status, pagetoken.Page{Size: limit, Token: token})
	if err != nil {
		return AppealPage{}, err
	}
	page := AppealPage{Next: next}
	for _, a := range list {
		d, err := s.decisions.Get(ctx, a.DecisionID)
		if err != nil {
			return AppealPage{}, err
		}
		page.Appeals = append(page.Appeals, AppealView{Appeal: a, Removal: d})
	}
	return page, nil
}
