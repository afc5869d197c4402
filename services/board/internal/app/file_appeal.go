package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// FileAppeal lets the author appeal a removal or a hide in force within the
// appeal window.
// Filing again returns the appeal already filed.
func (s *App) FileAppeal(ctx context.Context, decisionID, reason string) (AppealView, error) {
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
	a, d, err := s.appeals.File(ctx, decisionID, func(d domain.Decision, it domain.Item, filed *domain.Appeal) (domain.Appeal, error) {
		if filed != nil && it.IsAuthor(c) {
			return *filed, nil // filed before: a retry
		}
		if err := domain.MayAppeal(c, it, d, s.set.AppealWindow, s.now()); err != nil {
			return domain.Appeal{}, err
		}
		return domain.Appeal{ID: newID(), DecisionID: d.ID, ItemID: it.ID, ItemKind: it.Kind,
			AppellantSubject: c.Subject, Reason: mask(reason), Status: domain.AppealPending, FiledAt: s.now()}, nil
	})
	return AppealView{Appeal: a, Removal: d}, err
}
