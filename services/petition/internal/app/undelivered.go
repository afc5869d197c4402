package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// NoticeHistory writes what the mail service reports into a complaint's
// history, on a transaction someone else opened (the consumer's).
type NoticeHistory interface {
	// RecordUndelivered adds an audit line to the complaint when recipient
	// is its complainant; anything else (a complaint this service does not
	// hold, a notice to the department) is ignored.
	RecordUndelivered(ctx context.Context, complaintID, recipient, detail string, at time.Time) error
}

// RecordUndeliveredNotice records that a notice about the complaint did not
// reach the complainant (seoul.mail.delivery.failed, A9.1), so the officials
// who read the complaint's history know the citizen was not told and must
// be reached another way.
func (s *Service) RecordUndeliveredNotice(ctx context.Context, store NoticeHistory, complaintID, recipient, template, reason string) error {
	if complaintID == "" || template == "" {
		return errs.Invalid("source_id", "REQUIRED")
	}
	detail := "the " + template + " notice did not reach the complainant (" + reason + ")"
	return store.RecordUndelivered(ctx, complaintID, recipient, detail, s.now())
}
