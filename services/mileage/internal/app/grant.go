package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{8,128}$`)

// maxGrant bounds one manual grant; larger amounts are a budget decision.
const maxGrant = 1_000_000

// GrantResult is a manual grant: credited at once (Award), or waiting for
// a second official (Request, pending).
type GrantResult struct {
	Award   *domain.Award
	Request *domain.GrantRequest
}

// Grant is an official's manual award with a reason, audited (A8.1). No
// one grants to themselves; above ApprovalAbove the grant is only
// requested until another official approves it (ApproveGrant). It goes
// through the same award path as events, keyed by the official's
// request_id, so a retry returns the first grant.
func (a *App) Grant(ctx context.Context, subject string, points int64, reason, requestID string) (GrantResult, error) {
	c, err := a.requireStaff(ctx)
	if err != nil {
		return GrantResult{}, err
	}
	var v errs.Violations
	v.Check(!domain.ValidSubject(subject) || subject == "me", "subject_id", "SUBJECT_ID")
	v.Check(points < 1 || points > maxGrant, "points", "OUT_OF_RANGE", "min", 1, "max", maxGrant)
	domain.CheckText(&v, "reason", reason, 1000, true)
	v.Check(!requestIDPattern.MatchString(requestID), "request_id", "IDEMPOTENCY_KEY")
	if err := v.Err(); err != nil {
		return GrantResult{}, err
	}
	reason = maskReason(reason)
	if subject == c.Subject {
		return GrantResult{}, errs.PermissionDenied("NO_SELF_GRANT")
	}
	if points > a.opts.ApprovalAbove {
		r, err := a.requestGrant(ctx, c, subject, points, reason, requestID)
		return GrantResult{Request: &r}, err
	}
	key := scopedRequest(c.Subject, requestID)
	aw, err := a.credit(ctx, c, subject, points, reason, key)
	return GrantResult{Award: &aw}, err
}

// scopedRequest makes an official's request id their own: two officials
// using the same id make two grants. The digest keeps the official's
// subject id out of the award the citizen sees.
func scopedRequest(official, requestID string) string {
	sum := sha256.Sum256([]byte(official + "\x00" + requestID))
	return "grant-" + hex.EncodeToString(sum[:12])
}

// credit awards points by hand under key (the award's idempotency key)
// and audits it as the official's grant.
func (a *App) credit(ctx context.Context, c identity.Claims, subject string, points int64, reason, key string) (domain.Award, error) {
	now := a.Now()
	aw := domain.Award{ID: domain.AwardID(domain.ActionManualGrant, key, subject), Subject: subject,
		Action: domain.ActionManualGrant, SourceEventID: key, SourceKind: "grant", SourceRef: key,
		Points: points, Status: domain.AwardCredited, OccurredAt: now, CreatedAt: now}
	err := a.store.InTx(ctx, func(tx Tx) error {
		known, err := tx.AwardContext(ctx, aw)
		if err != nil {
			return err
		}
		if !known.Exists {
			if aw, err = a.record(ctx, tx, aw, known, "manual grant: "+reason); err != nil {
				return err
			}
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
