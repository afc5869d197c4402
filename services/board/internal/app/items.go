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
)

// createItem is the shared path of posts and comments.
func (s *App) createItem(ctx context.Context, c identity.Claims, b domain.Board, it domain.Item) (View, error) {
	if err := b.MayPost(c); err != nil {
		return View{}, err
	}
	if prior, ok, err := s.byRequest(ctx, c.Subject, it); ok || err != nil {
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
	// Under the author's lock (the store's): a retry finds the item its
	// first attempt made; otherwise the repeat check runs and the item is
	// stored with its flags, its queue case and its created event.
	out, _, err := s.items.Create(ctx, it, func(it *domain.Item, cs *domain.Case, texts AuthorTexts) error {
		findings, err := s.checkRepeats(ctx, texts, it, res.Findings)
		if err != nil {
			return err
		}
		it.Submit(b.Moderation)
		cs.Flag(*it, s.flags(it.ID, findings), now)
		return nil
	})
	return s.view(c, out), err
}

// byRequest finds the item an earlier attempt of the same request created.
func (s *App) byRequest(ctx context.Context, subject string, it domain.Item) (domain.Item, bool, error) {
	if it.RequestID == "" {
		return domain.Item{}, false, nil
	}
	prior, err := s.items.ByRequest(ctx, subject, it.Kind, it.RequestID)
	switch {
	case err == nil:
		return prior, true, nil
	case errs.Is(err, errs.KindNotFound):
		return domain.Item{}, false, nil
	}
	return domain.Item{}, false, err
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
	out, err := s.items.Update(ctx, in.ID, func(it *domain.Item, cs *domain.Case, texts AuthorTexts) error {
		if err := s.mayChange(c, *it, in.Kind, in.ID, in.Etag); err != nil {
			return err
		}
		title, body := patchedText(*it, in)
		if err := validateEdit(in.Kind, title, body); err != nil {
			return errs.Nest(err, string(in.Kind))
		}
		res := scr.Screen(title, body)
		now := s.now()
		it.Title, it.Body, it.Canonical = res.Title, res.Body, res.Canonical
		it.PersonalDataMasked, it.UpdatedAt = res.PersonalDataMasked, now
		it.PersonalDataKinds = personaldata.Names(res.PersonalDataKinds)
		findings, err := s.checkRepeats(ctx, texts, it, res.Findings)
		if err != nil {
			return err
		}
		cs.Flag(*it, s.flags(it.ID, findings), now)
		return nil
	})
	return s.view(c, out), itemErr(err, in.Kind, in.ID)
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

// mayChange admits the author's change of their item, refusing a stale
// etag.
func (s *App) mayChange(c identity.Claims, it domain.Item, kind domain.Kind, id, tag string) error {
	if it.Kind != kind {
		return itemNotFound(kind, id)
	}
	if err := it.MayEdit(c); err != nil {
		return err
	}
	return etag.Check(tag, it.Etag(s.now()))
}

// itemNotFound is the one answer for an item that does not exist, is not
// of the kind asked for, or that the caller may not see.
func itemNotFound(kind domain.Kind, id string) error {
	return errs.NotFound("BOARD_ITEM_NOT_FOUND", "kind", kind, "id", id)
}

// itemErr answers the store's NotFound for an item as itemNotFound.
func itemErr(err error, kind domain.Kind, id string) error {
	if errs.Is(err, errs.KindNotFound) {
		return itemNotFound(kind, id)
	}
	return err
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
	out, err := s.items.Update(ctx, id, func(it *domain.Item, cs *domain.Case, _ AuthorTexts) error {
		err := s.mayChange(c, *it, kind, id, tag)
		if it.Kind == kind && it.Status == domain.StatusWithdrawn && it.IsAuthor(c) {
			return nil // already withdrawn: nothing changes
		}
		if err != nil {
			return err
		}
		it.Withdraw(s.now())
		cs.Close()
		return nil
	})
	return s.view(c, out), itemErr(err, kind, id)
}

// getItem returns a post or comment at its own address; a removed one is
// a tombstone for the public (A5.0).
func (s *App) getItem(ctx context.Context, kind domain.Kind, id string) (View, error) {
	field := string(kind) + "_id"
	if err := requireID(field, id); err != nil {
		return View{}, err
	}
	c := identity.From(ctx)
	it, err := s.items.Get(ctx, id)
	if err != nil && !errs.Is(err, errs.KindNotFound) {
		return View{}, err
	}
	if err != nil || it.Kind != kind || !it.Viewable(c, s.now()) {
		return View{}, itemNotFound(kind, id)
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
	c := identity.From(ctx)
	q.WithPendingOf, q.AllPending = c.Subject, domain.IsModerator(c)
	items, next, err := s.items.List(ctx, q, pagetoken.Page{Size: limit, Token: token})
	if err != nil {
		return ListPage{}, err
	}
	page := ListPage{Next: next}
	for _, it := range items {
		page.Items = append(page.Items, s.view(c, it))
	}
	return page, nil
}
