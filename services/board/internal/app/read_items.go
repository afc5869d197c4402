package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
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

func (s *Service) view(c identity.Claims, it domain.Item) View {
	now := s.now()
	return View{Item: it, Etag: it.Etag(now), Status: it.EffectiveStatus(now), ShowText: it.ShowsText(c, now),
		Mine: it.IsAuthor(c), ShowFacts: it.IsAuthor(c) || domain.IsModerator(c)}
}

// GetItem returns a post or comment at its own address; a removed one is
// a tombstone for the public (A5.0).
func (s *Service) GetItem(ctx context.Context, kind domain.Kind, id string) (View, error) {
	field := string(kind) + "_id"
	if err := requireID(field, id); err != nil {
		return View{}, err
	}
	c := identity.From(ctx)
	it, err := s.store.GetItem(ctx, id, false)
	if err != nil || it.Kind != kind || !it.Viewable(c, s.now()) {
		return View{}, errs.NotFound("BOARD_ITEM_NOT_FOUND", "kind", kind, "id", id)
	}
	return s.view(c, it), nil
}

// ListPage is one page of items.
type ListPage struct {
	Items []View
	Next  string
}

// ListPosts lists a board's posts, newest first; removed ones stay in
// place as tombstones (A5.0).
func (s *Service) ListPosts(ctx context.Context, boardID string, size int32, token string) (ListPage, error) {
	if err := requireID("board_id", boardID); err != nil {
		return ListPage{}, err
	}
	if _, err := s.store.GetBoard(ctx, boardID); err != nil {
		return ListPage{}, err
	}
	return s.list(ctx, ItemQuery{Kind: domain.KindPost, BoardID: boardID}, size, token)
}

// ListComments lists a post's comments, oldest first.
func (s *Service) ListComments(ctx context.Context, postID string, size int32, token string) (ListPage, error) {
	if _, err := s.GetItem(ctx, domain.KindPost, postID); err != nil {
		return ListPage{}, err
	}
	return s.list(ctx, ItemQuery{Kind: domain.KindComment, PostID: postID}, size, token)
}

func (s *Service) list(ctx context.Context, q ItemQuery, size int32, token string) (ListPage, error) {
	limit, err := pageSize(size)
	if err != nil {
		return ListPage{}, err
	}
	if q.AfterID, err = pagetoken.DecodeID(token); err != nil {
		return ListPage{}, err
	}
	c := identity.From(ctx)
	q.Limit, q.WithPendingOf, q.AllPending = limit+1, c.Subject, domain.IsModerator(c)
	items, err := s.store.ListItems(ctx, q)
	if err != nil {
		return ListPage{}, err
	}
	page := ListPage{}
	if len(items) > limit {
		items = items[:limit]
		page.Next = pagetoken.EncodeID(items[limit-1].ID)
	}
	for _, it := range items {
		page.Items = append(page.Items, s.view(c, it))
	}
	return page, nil
}
