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
