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
	var restoration *domain.Decision
	a, removal, err := s.appeals.Decide(ctx, appealID, func(a *domain.Appeal, removal domain.Decision, it *domain.Item, cs *domain.Case) error {
		if err := domain.MayResolveAppeal(c, *a, removal); err != nil {
			return err
		}
		now := s.now()
		a.Status, a.Resolution, a.ResolverSubject, a.ResolvedAt = domain.AppealUpheld, mask(resolution), c.Subject, &now
		if reverse {
			a.Status = domain.AppealReversed
			restoration = s.restoration(c, *a, *it, removal)
			it.Restore(*restoration, removal)
			if removal.Outcome == domain.OutcomeHide {
				cs.Close() // a hide had left the case open for review
			}
		}
		return nil
	})
	if err != nil {
		return AppealView{}, nil, err
	}
	return AppealView{Appeal: a, Removal: removal}, restoration, nil
}

// restoration is the decision that reverses removal on appeal a, logged
// publicly as its own decision.
func (s *App) restoration(c identity.Claims, a domain.Appeal, it domain.Item, removal domain.Decision) *domain.Decision {
	d := domain.Decision{ID: newID(), ItemID: it.ID, ItemKind: it.Kind, BoardID: it.BoardID, PostID: it.PostID,
		Outcome: domain.OutcomeRestore, Ground: removal.Ground, PublicExplanation: a.Resolution,
		Source: domain.SourceAppeal, ModeratorSubject: c.Subject, DepartmentCode: c.Department,
		AppealID: a.ID, DecidedAt: s.now()}
	if d.DepartmentCode == "" {
		d.DepartmentCode = removal.DepartmentCode
	}
	return &d
}
