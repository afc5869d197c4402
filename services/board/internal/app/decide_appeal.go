package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// DecideAppeal upholds or reverses a removal or a hide. A different
// moderator than the one who decided decides. A reversal restores the item
// and is logged publicly as its own decision; a reversed removal publishes
// seoul.board.post.restored (a hide published nothing, took no points and
// is not counted as a removal, so its reversal has nothing to undo
// elsewhere).
func (s *App) DecideAppeal(ctx context.Context, appealID string, reverse bool, resolution string) (AppealView, *domain.Decision, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return AppealView{}, nil, err
	}
	var v errs.Violations
	if requireID("appeal_id", appealID) != nil {
		v.Add("appeal_id", "NOT_UUID")
	}
	if err := mergeInvalid(&v, domain.ValidateAppealText("resolution", resolution)); err != nil {
		return AppealView{}, nil, err
	}
	var out AppealView
	var restoration *domain.Decision
	err = s.store.InTx(ctx, func(tx Tx) error {
		a, err := tx.GetAppeal(ctx, appealID, true)
		if err != nil {
			return err
		}
		removal, err := tx.GetDecision(ctx, a.DecisionID)
		if err != nil {
			return err
		}
		if err := domain.MayResolveAppeal(c, a, removal); err != nil {
			return err
		}
		now := s.now()
		a.Status, a.Resolution, a.ResolverSubject, a.ResolvedAt = domain.AppealUpheld, mask(resolution), c.Subject, &now
		if reverse {
			a.Status = domain.AppealReversed
			if restoration, err = s.restore(ctx, tx, c, a, removal); err != nil {
				return err
			}
		}
		out = AppealView{Appeal: a, Removal: removal}
		return tx.UpdateAppeal(ctx, a)
	})
	return out, restoration, err
}

// restore puts a removed or hidden item back and logs the reversal. A hide
// that has lapsed or was followed by another decision meanwhile is only
// declared wrong: the item stays as the later decision left it.
func (s *App) restore(ctx context.Context, tx Tx, c identity.Claims, a domain.Appeal, removal domain.Decision) (*domain.Decision, error) {
	it, err := tx.GetItem(ctx, a.ItemID, true)
	if err != nil {
		return nil, err
	}
	d := domain.Decision{ID: newID(), ItemID: it.ID, ItemKind: it.Kind, BoardID: it.BoardID, PostID: it.PostID,
		Outcome: domain.OutcomeRestore, Ground: removal.Ground, PublicExplanation: a.Resolution,
		Source: domain.SourceAppeal, ModeratorSubject: c.Subject, DepartmentCode: c.Department,
		AppealID: a.ID, DecidedAt: s.now()}
	if d.DepartmentCode == "" {
		d.DepartmentCode = removal.DepartmentCode
	}
	if err := tx.InsertDecision(ctx, d); err != nil {
		return nil, err
	}
	if removal.Outcome == domain.OutcomeHide {
		return &d, s.unhide(ctx, tx, it, removal, d)
	}
	it.Status, it.Removal, it.UpdatedAt = domain.StatusVisible, nil, d.DecidedAt
	if err := tx.UpdateItem(ctx, &it); err != nil {
		return nil, err
	}
	if it.Published {
		return &d, tx.ItemRestored(ctx, it, d, removal)
	}
	return &d, nil
}

// unhide ends a hide reversed on appeal, if it still holds, and closes the
// item's case (a hide had left it open for review).
func (s *App) unhide(ctx context.Context, tx Tx, it domain.Item, hide, d domain.Decision) error {
	if it.HiddenBy(hide, d.DecidedAt) {
		it.Status, it.HiddenUntil, it.UpdatedAt = domain.StatusVisible, nil, d.DecidedAt
		if err := tx.UpdateItem(ctx, &it); err != nil {
			return err
		}
	}
	return tx.CloseCase(ctx, it.ID)
}
