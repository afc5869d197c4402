package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// requestGrant records a grant above the threshold as pending; a retry
// with the same request id returns the first request.
func (a *App) requestGrant(ctx context.Context, c identity.Claims, subject string, points int64, reason, requestID string) (domain.GrantRequest, error) {
	r := domain.GrantRequest{ID: newID(), Subject: subject, Points: points, Reason: reason, RequestID: requestID,
		RequestedBy: c.Subject, RequesterRoles: roleList(c), Department: c.Department, RequestedAt: a.Now(),
		Status: domain.GrantPending}
	return a.store.RequestGrant(ctx, r)
}

// ApproveGrant credits a pending grant as a second official (A8.1): an
// official of the mileage department or an admin who is neither the
// requester nor the citizen. The award, its audit and the approval commit
// together; approving an approved grant returns it.
func (a *App) ApproveGrant(ctx context.Context, id string) (domain.GrantRequest, domain.Award, error) {
	c, err := a.requireStaff(ctx)
	if err != nil {
		return domain.GrantRequest{}, domain.Award{}, err
	}
	if _, err := uuid.Parse(id); err != nil {
		return domain.GrantRequest{}, domain.Award{}, errs.Invalid("grant_id", "NOT_UUID")
	}
	var r domain.GrantRequest
	var aw domain.Award
	err = a.store.InTx(ctx, func(tx Tx) error {
		if r, err = tx.LockGrantRequest(ctx, id); err != nil {
			return err
		}
		if r.Status == domain.GrantApproved {
			return nil
		}
		if c.Subject == r.RequestedBy || c.Subject == r.Subject {
			return errs.PermissionDenied("SECOND_OFFICIAL_APPROVES")
		}
		if aw, err = a.approveLocked(ctx, tx, r); err != nil {
			return err
		}
		r.Status, r.ApprovedBy, r.ApprovedAt, r.AwardID = domain.GrantApproved, c.Subject, a.Now(), aw.ID
		return tx.ApproveGrantRequest(ctx, r)
	})
	if err != nil {
		return r, aw, err
	}
	aw, err = a.store.Award(ctx, r.AwardID)
	return r, aw, err
}

// approveLocked credits the request's points, audited as the requester's
// grant (the approver is on the request, not in the citizen's statement).
func (a *App) approveLocked(ctx context.Context, tx Tx, r domain.GrantRequest) (domain.Award, error) {
	now := a.Now()
	key := "grant-" + r.ID
	aw := domain.Award{ID: domain.AwardID(domain.ActionManualGrant, key, r.Subject), Subject: r.Subject,
		Action: domain.ActionManualGrant, SourceEventID: key, SourceKind: "grant", SourceRef: key,
		Points: r.Points, Status: domain.AwardCredited, OccurredAt: now, CreatedAt: now}
	c, err := tx.AwardContext(ctx, aw)
	if err != nil {
		return aw, err
	}
	if !c.Exists {
		if aw, err = a.record(ctx, tx, aw, c, "manual grant: "+r.Reason+" (approved)"); err != nil {
			return aw, err
		}
	}
	return aw, tx.InsertAudit(ctx, Audit{Kind: "grant", AwardID: aw.ID, Subject: aw.Subject, Points: r.Points,
		Reason: r.Reason, Actor: r.RequestedBy, ActorRoles: r.RequesterRoles, Department: r.Department, At: now.UTC()})
}
