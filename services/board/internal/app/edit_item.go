package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/fieldmask"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

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

// EditItem screens the edited text as on create (A5.5, A5.6, A5.8,
// personal data); new findings reopen the item's case.
func (s *Service) EditItem(ctx context.Context, in Edit) (View, error) {
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
func (s *Service) ownItem(ctx context.Context, tx Tx, c identity.Claims, kind domain.Kind, id, tag string) (domain.Item, error) {
	it, err := tx.GetItem(ctx, id, true)
	if err != nil || it.Kind != kind {
		return it, errs.NotFound("BOARD_ITEM_NOT_FOUND", "kind", kind, "id", id)
	}
	if err := it.MayEdit(c); err != nil {
		return it, err
	}
	return it, etag.Check(tag, it.Etag(s.now()))
}

// Withdraw lets the author take back their own item. Withdrawing again is
// a no-op, so retries are safe. A published item's withdrawal is announced
// (seoul.board.post.withdrawn) so the mileage service claws back its award:
// otherwise posting and withdrawing would farm points, as A5.8's repeat
// check ignores withdrawn texts.
func (s *Service) Withdraw(ctx context.Context, kind domain.Kind, id, tag string) (View, error) {
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
