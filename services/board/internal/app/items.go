package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/fieldmask"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// createItem is the shared path of posts and comments.
func (s *App) createItem(ctx context.Context, c identity.Claims, b domain.Board, it domain.Item) (View, error) {
	if err := b.MayPost(c); err != nil {
		return View{}, err
	}
	if prior, ok, err := s.byRequest(ctx, s.store, c.Subject, it); ok || err != nil {
		return s.view(c, prior), err
	}
	display, err := s.authorDisplay(ctx, b, c.Subject)
	if err != nil {
		return View{}, err
	}
	scr, err := s.screener(ctx)
	if err != nil {
		return View{}, err
	}
	res := scr.Screen(it.Title, it.Body)
	now := s.now()
	it.ID, it.AuthorSubject, it.AuthorDisplay = newID(), c.Subject, display
	it.Title, it.Body, it.Canonical, it.PersonalDataMasked = res.Title, res.Body, res.Canonical, res.PersonalDataMasked
	it.PersonalDataKinds = personaldata.Names(res.PersonalDataKinds)
	it.CreatedAt, it.UpdatedAt, it.Revision = now, now, 1
	if it.RequestID == "" {
		it.RequestID = it.ID
	}
	if it.PostID == "" {
		it.PostID = it.ID
	}
	it.Status, it.Published = domain.StatusVisible, true
	if b.Moderation == domain.ModerationPre {
		it.Status, it.Published = domain.StatusPending, false
	}
	var out domain.Item
	err = s.store.InTx(ctx, func(tx Tx) error {
		var err error
		out, err = s.storeNew(ctx, tx, it, res.Findings)
		return err
	})
	return s.view(c, out), err
}

// byRequest finds the item an earlier attempt of the same request created.
func (s *App) byRequest(ctx context.Context, repo Repo, subject string, it domain.Item) (domain.Item, bool, error) {
	if it.RequestID == "" {
		return domain.Item{}, false, nil
	}
	prior, err := repo.ItemByRequest(ctx, subject, it.Kind, it.RequestID)
	switch {
	case err == nil:
		return prior, true, nil
	case errs.Is(err, errs.KindNotFound):
		return domain.Item{}, false, nil
	}
	return domain.Item{}, false, err
}

// storeNew runs the repeat check under the author's lock and stores the
// item, its flags, its queue case and its created event.
func (s *App) storeNew(ctx context.Context, tx Tx, it domain.Item, findings []screening.Finding) (domain.Item, error) {
	if err := tx.LockAuthor(ctx, it.AuthorSubject); err != nil {
		return it, err
	}
	if prior, ok, err := s.byRequest(ctx, tx, it.AuthorSubject, it); ok || err != nil {
		return prior, err
	}
	findings, err := s.checkRepeats(ctx, tx, &it, findings)
	if err != nil {
		return it, err
	}
	if err := tx.InsertItem(ctx, it); err != nil {
		return it, err
	}
	if err := s.recordFindings(ctx, tx, it, findings); err != nil {
		return it, err
	}
	if it.Published {
		return it, tx.ItemPublished(ctx, it)
	}
	return it, nil
}

// Updatable is what an edit's mask may name, by kind (AIP-134).
var Updatable = map[domain.Kind][]string{domain.KindPost: {"title", "body"}, domain.KindComment: {"body"}}

// Edit is a change of the author's own post or comment: the fields Mask
// names take their values from Title and Body, the others stay.
type Edit struct {
	Kind        domain.Kind
	ID          string
	Etag        string
	Mask        fieldmask.Mask
	Title, Body string
}

// editItem screens the edited text as on create (A5.5, A5.6, A5.8,
// personal data); new findings reopen the item's case.
func (s *App) editItem(ctx context.Context, in Edit) (View, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return View{}, err
	}
	if err := requireID(string(in.Kind)+"_id", in.ID); err != nil {
		return View{}, err
	}
	scr, err := s.screener(ctx)
	if err != nil {
		return View{}, err
	}
	var out domain.Item
	err = s.store.InTx(ctx, func(tx Tx) error {
		it, err := s.ownItem(ctx, tx, c, in.Kind, in.ID, in.Etag)
		if err != nil {
			return err
		}
		title, body := patchedText(it, in)
		if err := validateEdit(in.Kind, title, body); err != nil {
			return errs.Nest(err, string(in.Kind))
		}
		res := scr.Screen(title, body)
		it.Title, it.Body, it.Canonical = res.Title, res.Body, res.Canonical
		it.PersonalDataMasked, it.UpdatedAt = res.PersonalDataMasked, s.now()
		it.PersonalDataKinds = personaldata.Names(res.PersonalDataKinds)
		if err := tx.LockAuthor(ctx, c.Subject); err != nil {
			return err
		}
		findings, err := s.checkRepeats(ctx, tx, &it, res.Findings)
		if err != nil {
			return err
		}
		if err := tx.UpdateItem(ctx, &it); err != nil {
			return err
		}
		out = it
		return s.recordFindings(ctx, tx, it, findings)
	})
	return s.view(c, out), err
}

// patchedText is the item's stored text with the masked fields replaced.
func patchedText(it domain.Item, in Edit) (title, body string) {
	title, body = it.Title, it.Body
	if in.Mask.Has("title") {
		title = in.Title
	}
	if in.Mask.Has("body") {
		body = in.Body
	}
	return title, body
}

func validateEdit(kind domain.Kind, title, body string) error {
	if kind == domain.KindPost {
		return domain.ValidatePost(title, body)
	}
	return domain.ValidateComment(body)
}

// ownItem loads an item for change by its author, refusing a stale etag.
func (s *App) ownItem(ctx context.Context, tx Tx, c identity.Claims, kind domain.Kind, id, tag string) (domain.Item, error) {
	it, err := tx.GetItem(ctx, id, true)
	if err != nil || it.Kind != kind {
		return it, errs.NotFound("BOARD_ITEM_NOT_FOUND", "kind", kind, "id", id)
	}
	if err := it.MayEdit(c); err != nil {
		return it, err
	}
	return it, etag.Check(tag, it.Etag(s.now()))
}

// withdrawItem lets the author take back their own item. Withdrawing again is
// a no-op, so retries are safe. A published item's withdrawal is announced
// (seoul.board.post.withdrawn) so the mileage service claws back its award:
// otherwise posting and withdrawing would farm points, as A5.8's repeat
// check ignores withdrawn texts.
func (s *App) withdrawItem(ctx context.Context, kind domain.Kind, id, tag string) (View, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return View{}, err
	}
	if err := requireID(string(kind)+"_id", id); err != nil {
		return View{}, err
	}
	var out domain.Item
	err = s.store.InTx(ctx, func(tx Tx) error {
		it, err := s.ownItem(ctx, tx, c, kind, id, tag)
		if it.Status == domain.StatusWithdrawn && it.IsAuthor(c) {
			out = it
			return nil
		}
		if err != nil {
			return err
		}
		it.Status, it.HiddenUntil, it.UpdatedAt = domain.StatusWithdrawn, nil, s.now()
		if err := tx.UpdateItem(ctx, &it); err != nil {
			return err
		}
		out = it
		if err := tx.CloseCase(ctx, it.ID); err != nil || !it.Published {
			return err
		}
		return tx.ItemWithdrawn(ctx, it)
	})
	return s.view(c, out), err
}

// getItem returns a post or comment at its own address; a removed one is
// a tombstone for the public (A5.0).
func (s *App) getItem(ctx context.Context, kind domain.Kind, id string) (View, error) {
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

func (s *App) list(ctx context.Context, q ItemQuery, size int32, token string) (ListPage, error) {
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
