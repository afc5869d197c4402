package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// NewReport is a citizen's report as submitted.
type NewReport struct {
	Kind             domain.Kind
	TargetID, Ground string
	Text             string
}

// FileReport records a report under one of the nine grounds. A repeated
// report by the same person counts once: it returns the first report and
// duplicate = true, without raising the urgency again.
func (s *App) FileReport(ctx context.Context, in NewReport) (domain.Report, bool, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return domain.Report{}, false, err
	}
	g, err := validateReport(in)
	if err != nil {
		return domain.Report{}, false, err
	}
	var out domain.Report
	created := false
	_, err = s.items.Update(ctx, in.TargetID, func(it *domain.Item, cs *domain.Case, _ AuthorTexts) error {
		if it.Kind != in.Kind || !it.Viewable(c, s.now()) {
			return itemNotFound(in.Kind, in.TargetID)
		}
		if it.IsAuthor(c) {
			return errs.FailedPrecondition("OWN_ITEM_REPORT", "kind", it.Kind)
		}
		r := domain.Report{ID: newID(), ItemID: it.ID, ReporterSubject: c.Subject, Ground: g, Text: mask(in.Text), CreatedAt: s.now()}
		out, created = cs.File(*it, r)
		return nil
	})
	return out, !created && err == nil, itemErr(err, in.Kind, in.TargetID)
}

func validateReport(in NewReport) (domain.Ground, error) {
	var v errs.Violations
	v.Check(in.Kind == "", "target_type", "NOT_ONE_OF", "allowed", "TARGET_TYPE_POST, TARGET_TYPE_COMMENT")
	if requireID("target_id", in.TargetID) != nil {
		v.Add("target_id", "NOT_UUID")
	}
	g, err := domain.ValidateReport(in.Ground, in.Text)
	return g, mergeInvalid(&v, err)
}
