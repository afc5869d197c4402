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
	dup := false
	err = s.store.InTx(ctx, func(tx Tx) error {
		it, err := tx.GetItem(ctx, in.TargetID, true)
		if err != nil || it.Kind != in.Kind || !it.Viewable(c, s.now()) {
			return errs.NotFound("BOARD_ITEM_NOT_FOUND", "kind", in.Kind, "id", in.TargetID)
		}
		if it.IsAuthor(c) {
			return errs.FailedPrecondition("OWN_ITEM_REPORT", "kind", it.Kind)
		}
		r := domain.Report{ID: newID(), ItemID: it.ID, ReporterSubject: c.Subject, Ground: g, Text: mask(in.Text), CreatedAt: s.now()}
		var created bool
		if out, created, err = tx.AddReport(ctx, r); err != nil || !created {
			dup = !created
			return err
		}
		if err := s.reopen(ctx, tx, it); err != nil {
			return err
		}
		return tx.ReportFiled(ctx, out, it)
	})
	return out, dup, err
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
