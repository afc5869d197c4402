package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// Edit is a change of the author's own post or comment.
type Edit struct {
	Kind        domain.Kind
	ID          string
	Title, Body string
}

// EditItem screens the new text as on create (A5.5, A5.6, A5.8, personal
// data); new findings reopen the item's case.
func (s *Service) EditItem(ctx context.Context, in Edit) (View, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return View{}, err
	}
	if err := validateEdit(in); err != nil {
		return View{}, err
	}
	res := s.screen.Screen(in.Title, in.Body)
	var out domain.Item
	err = s.store.InTx(ctx, func(tx Tx) error {
		it, err := s.ownItem(ctx, tx, c, in.Kind, in.ID)
		if err != nil {
			return err
		}
		it.Title, it.Body, it.Canonical = res.Title, res.Body, res.Canonical
		it.PersonalDataMasked, it.UpdatedAt = res.PersonalDataMasked, s.now()
		it.PersonalDataKinds = personaldata.Names(res.PersonalDataKinds)
		if err := tx.LockAuthor(ctx, c.Subject); err != nil {
			return err
		}
		findings, err := s.checkRepeats(ctx, tx, it, res.Findings)
		if err != nil {
			return err
		}
		if err := tx.UpdateItem(ctx, it); err != nil {
			return err
		}
		out = it
		return s.recordFindings(ctx, tx, it, findings)
	})
	return s.view(c, out), err
}

func validateEdit(in Edit) error {
	var v errs.Violations
	field := string(in.Kind) + "_id"
	if requireID(field, in.ID) != nil {
		v.Add(field, "a valid id is required")
	}
	var err error
	if in.Kind == domain.KindPost {
		err = domain.ValidatePost(in.Title, in.Body)
	} else {
		err = domain.ValidateComment(in.Body)
	}
	return mergeInvalid(&v, err)
}

// ownItem loads an item for change by its author.
func (s *Service) ownItem(ctx context.Context, tx Tx, c identity.Claims, kind domain.Kind, id string) (domain.Item, error) {
	it, err := tx.GetItem(ctx, id, true)
	if err != nil || it.Kind != kind {
		return it, errs.NotFound("%s %s not found", kind, id)
	}
	return it, it.MayEdit(c)
}

// Withdraw lets the author take back their own item. Withdrawing again is
// a no-op, so retries are safe. A published item's withdrawal is announced
// (seoul.board.post.withdrawn) so the mileage service claws back its award:
// otherwise posting and withdrawing would farm points, as A5.8's repeat
// check ignores withdrawn texts.
func (s *Service) Withdraw(ctx context.Context, kind domain.Kind, id string) (View, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return View{}, err
	}
	if err := requireID(string(kind)+"_id", id); err != nil {
		return View{}, err
	}
	var out domain.Item
	err = s.store.InTx(ctx, func(tx Tx) error {
		it, err := s.ownItem(ctx, tx, c, kind, id)
		if it.Status == domain.StatusWithdrawn && it.IsAuthor(c) {
			out = it
			return nil
		}
		if err != nil {
			return err
		}
		it.Status, it.HiddenUntil, it.UpdatedAt = domain.StatusWithdrawn, nil, s.now()
		if err := tx.UpdateItem(ctx, it); err != nil {
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
