package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// ListOpinions lists published opinions, or the triage queue for the
// Mayor's office.
func (s *App) ListOpinions(ctx context.Context, f OpinionFilter) ([]*domain.Opinion, string, error) {
	if f.PendingOnly && !s.isMayorOffice(identity.From(ctx)) {
		return nil, "", errs.PermissionDenied("MAYORS_OFFICE_TRIAGES")
	}
	f.PublishedOnly = !f.PendingOnly
	size, err := pagetoken.Size(f.PageSize, defaultPage, maxPage)
	if err != nil {
		return nil, "", err
	}
	f.PageSize = size
	list, next, err := s.store.ListOpinions(ctx, f)
	if err != nil || f.PendingOnly {
		return list, next, err
	}
	for i, o := range list {
		list[i] = PublicOpinion(o)
	}
	return list, next, nil
}
