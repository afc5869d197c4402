package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// AppealView is an appeal with the removal it is against.
type AppealView struct {
	Appeal  domain.Appeal
	Removal domain.Decision
}

// FileAppeal lets the author appeal a removal or a hide in force within the
// appeal window.
// Filing again returns the appeal already filed.
func (s *Service) FileAppeal(ctx context.Context, decisionID, reason string) (AppealView, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return AppealView{}, err
	}
	var v errs.Violations
	if requireID("decision_id", decisionID) != nil {
		v.Add("decision_id", "NOT_UUID")
	}
	if err := mergeInvalid(&v, domain.ValidateAppealText("reason", reason)); err != nil {
		return AppealView{}, err
	}
	var out AppealView
	err = s.store.InTx(ctx, func(tx Tx) error {
		d, err := tx.GetDecision(ctx, decisionID)
		if err != nil {
			return err
		}
		it, err := tx.GetItem(ctx, d.ItemID, true)
		if err != nil {
			return err
		}
		out.Removal = d
		if prior, err := tx.AppealByDecision(ctx, d.ID); err == nil && it.IsAuthor(c) {
			out.Appeal = prior
			return nil
		}
		if err := domain.MayAppeal(c, it, d, s.set.AppealWindow, s.now()); err != nil {
			return err
		}
		out.Appeal = domain.Appeal{ID: newID(), DecisionID: d.ID, ItemID: it.ID, ItemKind: it.Kind,
			AppellantSubject: c.Subject, Reason: mask(reason), Status: domain.AppealPending, FiledAt: s.now()}
		return tx.InsertAppeal(ctx, out.Appeal)
	})
	return out, err
}

// AppealPage is one page of appeals.
type AppealPage struct {
	Appeals []AppealView
	Next    string
}

// ListAppeals lists appeals for moderators, newest first, optionally by
// status.
func (s *Service) ListAppeals(ctx context.Context, status domain.AppealStatus, size int32, token string) (AppealPage, error) {
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
	after, err := pagetoken.DecodeID(token)
	if err != nil {
		return AppealPage{}, err
	}
	list, err := s.store.ListAppeals(ctx, status, after, limit+1)
	if err != nil {
		return AppealPage{}, err
	}
	page := AppealPage{}
	if len(list) > limit {
		list = list[:limit]
		page.Next = pagetoken.EncodeID(list[limit-1].ID)
	}
	for _, a := range list {
		d, err := s.store.GetDecision(ctx, a.DecisionID)
		if err != nil {
			return AppealPage{}, err
		}
		page.Appeals = append(page.Appeals, AppealView{Appeal: a, Removal: d})
	}
	return page, nil
}

// ResolveAppeal upholds or reverses a removal or a hide. A different
// moderator than the one who decided decides. A reversal restores the item
// and is logged publicly as its own decision; a reversed removal publishes
// seoul.board.post.restored (a hide published nothing, took no points and
// is not counted as a removal, so its reversal has nothing to undo
// elsewhere).
func (s *Service) ResolveAppeal(ctx context.Context, appealID string, reverse bool, resolution string) (AppealView, *domain.Decision, error) {
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
func (s *Service) restore(ctx context.Context, tx Tx, c identity.Claims, a domain.Appeal, removal domain.Decision) (*domain.Decision, error) {
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
func (s *Service) unhide(ctx context.Context, tx Tx, it domain.Item, hide, d domain.Decision) error {
	if it.HiddenBy(hide, d.DecidedAt) {
		it.Status, it.HiddenUntil, it.UpdatedAt = domain.StatusVisible, nil, d.DecidedAt
		if err := tx.UpdateItem(ctx, &it); err != nil {
			return err
		}
	}
	return tx.CloseCase(ctx, it.ID)
}
