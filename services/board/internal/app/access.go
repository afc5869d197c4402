package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// View is an item as one caller may see it. When ShowText is false the
// transport leaves title and body out: the public sees a removed item
// only as its tombstone (A5.0).
type View struct {
	Item     domain.Item
	Etag     string
	Status   domain.Status
	ShowText bool
	Mine     bool
	// ShowFacts: the statement of reasons' facts go to the author and
	// moderators, not to the public.
	ShowFacts bool
}

func (s *App) view(c identity.Claims, it domain.Item) View {
	now := s.now()
	return View{Item: it, Etag: it.Etag(now), Status: it.EffectiveStatus(now), ShowText: it.ShowsText(c, now),
		Mine: it.IsAuthor(c), ShowFacts: it.IsAuthor(c) || domain.IsModerator(c)}
}

// requireModerator admits moderators only: they keep the lists.
func requireModerator(ctx context.Context) (identity.Claims, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return c, err
	}
	if !domain.IsModerator(c) {
		return c, errs.PermissionDenied("MODERATORS_ONLY")
	}
	return c, nil
}

// AppealView is an appeal with the removal it is against.
type AppealView struct {
	Appeal  domain.Appeal
	Removal domain.Decision
}
