package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// RestoreSource gives back, exactly once, the points clawed back when a
// post or comment was removed under A5, now that an appeal restored it
// (seoul.board.post.restored; A8.1), inside the consumer's transaction.
// Each clawed-back award gets one restoration award (domain.Restoration),
// which pays the debt the clawback left first; a redelivered event, or a
// replay past the inbox, finds the restoration and gives nothing twice.
// An official's correction and an author's withdrawal are not undone. The
// removal is forgotten, so an award event arriving late earns.
func (a *App) RestoreSource(ctx context.Context, kind, ref, eventID string) error {
	if kind == "" || ref == "" {
		return errs.Invalid("target", "REQUIRED")
	}
	if err := a.awards.ForgetSourceRemoval(ctx, kind, ref); err != nil {
		return err
	}
	awards, err := a.awards.Restorable(ctx, kind, ref)
	if err != nil {
		return err
	}
	for _, old := range awards {
		aw := domain.Restoration(old, eventID, a.Now())
		err := a.awards.Decide(ctx, aw, func(c domain.AwardContext) (*domain.AwardRecord, error) {
			if c.Exists {
				return nil, nil
			}
			rec := a.record(aw, c, "restored on appeal: "+old.Action+" "+ref)
			return &rec, nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
