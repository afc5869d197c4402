package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// GroundWithdrawn is recorded as the ground of a source its author took
// back (seoul.board.post.withdrawn).
const GroundWithdrawn = "withdrawn"

// ClawbackSource reverses every award earned by a source removed under A5
// (a post or comment), or withdrawn by its author (ground GroundWithdrawn:
// otherwise posting and withdrawing would farm points), inside the
// consumer's transaction. The removal is remembered, so an award event
// arriving after it earns nothing.
func (a *App) ClawbackSource(ctx context.Context, kind, ref, ground string) error {
	if kind == "" || ref == "" {
		return errs.Invalid("target", "REQUIRED")
	}
	if err := a.awards.MarkSourceRemoved(ctx, kind, ref, ground, a.Now()); err != nil {
		return err
	}
	awards, err := a.awards.BySource(ctx, kind, ref)
	if err != nil {
		return err
	}
	memo, cause := "clawback: source removed under "+ground, domain.ClawbackRemoval
	if ground == GroundWithdrawn {
		memo, cause = "clawback: source withdrawn by its author", domain.ClawbackWithdrawal
	}
	for _, aw := range awards {
		err := a.awards.Update(ctx, aw.ID, func(aw *domain.Award, w *domain.Wallet) error {
			a.reverse(aw, w, memo, cause)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
