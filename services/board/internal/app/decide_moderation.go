package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// DecideInput is a moderator's decision on one item.
type DecideInput struct {
	Kind     domain.Kind
	TargetID string
	// Etag, when set, must be the target's current etag.
	Etag string
	domain.DecisionInput
}

// DecideModeration keeps, hides or removes an item. Only moderators decide, never on
// their own item. Every decision is stored as a statement of reasons;
// a removal leaves a tombstone with the ground (A5.0) and publishes
// seoul.board.post.removed so awarded points are clawed back.
func (s *App) DecideModeration(ctx context.Context, in DecideInput) (domain.Decision, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return domain.Decision{}, err
	}
	g, err := validateDecide(in)
	if err != nil {
		return domain.Decision{}, err
	}
	var d domain.Decision
	err = s.store.InTx(ctx, func(tx Tx) error {
		it, err := tx.GetItem(ctx, in.TargetID, true)
		if err != nil || it.Kind != in.Kind {
			return errs.NotFound("BOARD_ITEM_NOT_FOUND", "kind", in.Kind, "id", in.TargetID)
		}
		if err := domain.MayDecide(c, it, in.Outcome, s.now()); err != nil {
			return err
		}
		if err := etag.Check(in.Etag, it.Etag(s.now())); err != nil {
			return err
		}
		if d, err = s.statement(ctx, tx, c, it, in, g); err != nil {
			return err
		}
		return s.apply(ctx, tx, it, d)
	})
	return d, err
}

func validateDecide(in DecideInput) (domain.Ground, error) {
	var v errs.Violations
	v.Check(in.Kind == "", "target_type", "NOT_ONE_OF", "allowed", "TARGET_TYPE_POST, TARGET_TYPE_COMMENT")
	if requireID("target_id", in.TargetID) != nil {
		v.Add("target_id", "NOT_UUID")
	}
	g, err := domain.ValidateDecision(in.DecisionInput)
	return g, mergeInvalid(&v, err)
}

// statement builds the statement of reasons: the source is what brought
// the item here (reports, automated flags, or the moderator's own
// initiative), detection counts as automated when screening flagged it,
// and the decision itself is always a person's.
func (s *App) statement(ctx context.Context, tx Tx, c identity.Claims, it domain.Item, in DecideInput, g domain.Ground) (domain.Decision, error) {
	flags, reports, err := tx.Signals(ctx, it.ID)
	if err != nil {
		return domain.Decision{}, err
	}
	d := domain.Decision{ID: newID(), ItemID: it.ID, ItemKind: it.Kind, BoardID: it.BoardID, PostID: it.PostID,
		Outcome: in.Outcome, Ground: g, PublicExplanation: mask(in.PublicExplanation), Facts: mask(in.Facts),
		ExplanationTranslations: maskAll(in.ExplanationTranslations),
		AutomatedDetection:      len(flags) > 0, Source: in.Source, ModeratorSubject: c.Subject,
		DepartmentCode: c.Department, DecidedAt: s.now()}
	if d.Source == "" {
		d.Source = inferSource(len(flags), len(reports))
	}
	if d.DepartmentCode == "" {
		b, err := tx.GetBoard(ctx, it.BoardID)
		if err != nil {
			return d, err
		}
		d.DepartmentCode = b.DepartmentCode
	}
	if cs, err := tx.GetCase(ctx, it.ID); err == nil && cs.Open {
		d.SignalAt = &cs.OpenedAt
	} else if err != nil && !errs.Is(err, errs.KindNotFound) {
		return d, err
	}
	if in.Outcome == domain.OutcomeHide {
		until := d.DecidedAt.Add(time.Duration(in.HideDays) * 24 * time.Hour)
		d.HiddenUntil = &until
	}
	return d, nil
}

func inferSource(flags, reports int) domain.Source {
	switch {
	case reports > 0:
		return domain.SourceReport
	case flags > 0:
		return domain.SourceFlag
	}
	return domain.SourceOwnInitiative
}

// apply changes the item as decided and records the decision. A hide
// keeps the case open: the item is hidden pending review.
func (s *App) apply(ctx context.Context, tx Tx, it domain.Item, d domain.Decision) error {
	if err := tx.InsertDecision(ctx, d); err != nil {
		return err
	}
	it.UpdatedAt = d.DecidedAt
	wasPublished := it.Published
	switch d.Outcome {
	case domain.OutcomeKeep:
		it.Status, it.HiddenUntil, it.Published = domain.StatusVisible, nil, true
	case domain.OutcomeHide:
		it.Status, it.HiddenUntil = domain.StatusHidden, d.HiddenUntil
	case domain.OutcomeRemove:
		it.Status, it.HiddenUntil, it.Removal = domain.StatusRemoved, nil, &d
	}
	if err := tx.UpdateItem(ctx, &it); err != nil {
		return err
	}
	if d.Outcome != domain.OutcomeHide {
		if err := tx.CloseCase(ctx, it.ID); err != nil {
			return err
		}
	}
	switch {
	case d.Outcome == domain.OutcomeKeep && !wasPublished:
		return tx.ItemPublished(ctx, it)
	case d.Outcome == domain.OutcomeRemove && wasPublished:
		return tx.ItemRemoved(ctx, it, d)
	}
	return nil
}

// maskAll masks personal data in each translation (A10.1), as in the
// Korean text; an empty translation is dropped.
func maskAll(translations map[string]string) map[string]string {
	out := map[string]string{}
	for tag, text := range translations {
		if lang, ok := localized.NormalizeLanguage(tag); ok && text != "" {
			out[lang] = mask(text)
		}
	}
	return out
}
