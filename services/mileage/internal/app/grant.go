package app

import (
	"context"
	"regexp"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{8,128}$`)

// maxGrant bounds one manual grant; larger amounts are a budget decision.
const maxGrant = 1_000_000

// Grant is an official's manual award with a reason, audited (A8.1). It
// goes through the same award path as events, keyed by request_id, so a
// retry returns the first grant.
func (a *App) Grant(ctx context.Context, subject string, points int64, reason, requestID string) (domain.Award, error) {
	c, err := identity.RequireAny(ctx, staff...)
	if err != nil {
		return domain.Award{}, err
	}
	var v errs.Violations
	v.Check(!domain.ValidSubject(subject) || subject == "me", "subject_id", "a citizen's subject id is required")
	v.Check(points < 1 || points > maxGrant, "points", "must be between 1 and 1000000")
	domain.CheckText(&v, "reason", reason, 1000, true)
	v.Check(!requestIDPattern.MatchString(requestID), "request_id", "8-128 characters of letters, digits, . _ : -")
	if err := v.Err(); err != nil {
		return domain.Award{}, err
	}
	reason = maskReason(reason)
	now := a.Now()
	aw := domain.Award{ID: domain.AwardID(domain.ActionManualGrant, requestID, subject), Subject: subject,
		Action: domain.ActionManualGrant, SourceEventID: requestID, SourceKind: "grant", SourceRef: requestID,
		Points: points, Status: domain.AwardCredited, OccurredAt: now, CreatedAt: now}
	err = a.store.InTx(ctx, func(tx Tx) error {
		debt, err := tx.LockAccount(ctx, subject)
		if err != nil {
			return err
		}
		if aw, err = a.record(ctx, tx, aw, debt, "manual grant: "+reason); err != nil {
			return err
		}
		return tx.InsertAudit(ctx, audit(c, "grant", aw, points, reason, now))
	})
	if err != nil {
		return aw, err
	}
	// A retried request finds the first grant and returns it as stored.
	return a.store.Award(ctx, aw.ID)
}

// maskReason is how an official's reason for a grant or a correction is
// kept: in the audit and in the citizen's history (the ledger memo), with
// personal data masked by the suite's shared detector (A10.1). No work
// needs the original.
func maskReason(reason string) string { return personaldata.Mask(reason).Text }
