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
	dept, err := s.deciderDepartment(ctx, c, in.TargetID)
	if err != nil {
		return domain.Decision{}, err
	}
	var d domain.Decision
	_, err = s.items.Update(ctx, in.TargetID, func(it *domain.Item, cs *domain.Case, _ AuthorTexts) error {
		if it.Kind != in.Kind {
			return itemNotFound(in.Kind, in.TargetID)
		}
		if err := domain.MayDecide(c, *it, in.Outcome, s.now()); err != nil {
			return err
		}
		if err := etag.Check(in.Etag, it.Etag(s.now())); err != nil {
			return err
		}
		d = s.statement(c, dept, *it, cs, in, g)
		it.Apply(d)
		if d.Outcome != domain.OutcomeHide { // a hide keeps the case open: hidden pending review
			cs.Close()
		}
		return nil
	})
	return d, itemErr(err, in.Kind, in.TargetID)
}

// deciderDepartment is the department a decision is made for: the
// moderator's, or the board's when the moderator has none.
func (s *App) deciderDepartment(ctx context.Context, c identity.Claims, itemID string) (string, error) {
	if c.Department != "" || c.Anonymous() {
		return c.Department, nil
	}
	it, err := s.items.Get(ctx, itemID)
	if errs.Is(err, errs.KindNotFound) {
		return "", nil // the decision finds no item either
	} else if err != nil {
		return "", err
	}
	b, err := s.boards.Get(ctx, it.BoardID)
	return b.DepartmentCode, err
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
func (s *App) statement(c identity.Claims, dept string, it domain.Item, cs *domain.Case, in DecideInput, g domain.Ground) domain.Decision {
	d := domain.Decision{ID: newID(), ItemID: it.ID, ItemKind: it.Kind, BoardID: it.BoardID, PostID: it.PostID,
		Outcome: in.Outcome, Ground: g, PublicExplanation: mask(in.PublicExplanation), Facts: mask(in.Facts),
		ExplanationTranslations: maskAll(in.ExplanationTranslations),
		AutomatedDetection:      len(cs.Flags) > 0, Source: in.Source, ModeratorSubject: c.Subject,
		DepartmentCode: dept, DecidedAt: s.now()}
	if d.Source == "" {
		d.Source = inferSource(len(cs.Flags), len(cs.Reports))
	}
	if cs.Open {
		opened := cs.OpenedAt
		d.SignalAt = &opened
	}
	if in.Outcome == domain.OutcomeHide {
		until := d.DecidedAt.Add(time.Duration(in.HideDays) * 24 * time.Hour)
		d.HiddenUntil = &until
	}
	return d
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
