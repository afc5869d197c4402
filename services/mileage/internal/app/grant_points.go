package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"

	"github.com/seoul-gov/homepage/platform/errs"
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

// GrantPoints is an official's manual award with a reason, audited (A8.1). No
// one grants to themselves; above ApprovalAbove the grant is only
// requested until another official approves it (ApproveGrant). It goes
// through the same award path as events, keyed by the official's
// request_id, so a retry returns the first grant.
func (a *App) GrantPoints(ctx context.Context, subject string, points int64, reason, requestID string) (GrantResult, error) {
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
		r, err := a.grants.Create(ctx, domain.GrantRequest{ID: newID(), Subject: subject, Points: points, Reason: reason,
			RequestID: requestID, RequestedBy: c.Subject, RequesterRoles: roleList(c), Department: c.Department,
			RequestedAt: a.Now(), Status: domain.GrantPending})
		return GrantResult{Request: &r}, err
	}
	aw, err := a.credit(ctx, a.awards, subject, points, "manual grant: "+reason, scopedRequest(c.Subject, requestID),
		func(aw domain.Award) domain.Adjustment { return adjustment(c, "grant", aw, points, reason, a.Now()) })
	if err != nil {
		return GrantResult{}, err
	}
	// A retried request finds the first grant and returns it as stored.
	stored, err := a.awards.Get(ctx, aw.ID)
	return GrantResult{Award: &stored}, err
}

// scopedRequest makes an official's request id their own: two officials
// using the same id make two grants. The digest keeps the official's
// subject id out of the award the citizen sees.
func scopedRequest(official, requestID string) string {
	sum := sha256.Sum256([]byte(official + "\x00" + requestID))
	return "grant-" + hex.EncodeToString(sum[:12])
}

// credit awards points by hand under key (the award's idempotency key)
// through awards, with the audit audit makes of it, written also when the
// award existed (a retry).
func (a *App) credit(ctx context.Context, awards Awarder, subject string, points int64, memo, key string,
	audit func(domain.Award) domain.Adjustment) (domain.Award, error) {
	now := a.Now()
	aw := domain.Award{ID: domain.AwardID(domain.ActionManualGrant, key, subject), Subject: subject,
		Action: domain.ActionManualGrant, SourceEventID: key, SourceKind: "grant", SourceRef: key,
		Points: points, Status: domain.AwardCredited, OccurredAt: now, CreatedAt: now}
	err := awards.Decide(ctx, aw, func(c domain.AwardContext) (*domain.AwardRecord, error) {
		var rec domain.AwardRecord
		if !c.Exists {
			rec = a.record(aw, c, memo)
			aw = rec.Award
		}
		adj := audit(aw)
		rec.Audit = &adj
		return &rec, nil
	})
	return aw, err
}
