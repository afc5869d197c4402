package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
)

// RecordUndeliveredNotice records that a notice about the complaint did not
// reach the complainant (seoul.mail.delivery.failed, A9.1), so the officials
// who read the complaint's history know the citizen was not told and must
// be reached another way.
func (s *App) RecordUndeliveredNotice(ctx context.Context, complaintID, recipient, template, reason string) error {
	if complaintID == "" || template == "" {
		return errs.Invalid("source_id", "REQUIRED")
	}
	detail := "the " + template + " notice did not reach the complainant (" + reason + ")"
	return s.store.RecordUndelivered(ctx, complaintID, recipient, detail, s.now())
}
