package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ApproveGrant credits a pending grant as a second official (A8.1): an
// official of the mileage department or an admin who is neither the
// requester nor the citizen. The award, its audit (as the requester's
// grant: the approver is on the request, not in the citizen's statement)
// and the approval commit together; approving an approved grant returns it.
func (a *App) ApproveGrant(ctx context.Context, id string) (domain.GrantRequest, domain.Award, error) {
	c, err := a.requireStaff(ctx)
	if err != nil {
		return domain.GrantRequest{}, domain.Award{}, err
	}
	if _, err := uuid.Parse(id); err != nil {
		return domain.GrantRequest{}, domain.Award{}, errs.Invalid("grant_id", "NOT_UUID")
	}
	r, err := a.grants.Update(ctx, id, func(r *domain.GrantRequest, awards Awarder) error {
		if r.Status == domain.GrantApproved {
			return nil
		}
		if c.Subject == r.RequestedBy || c.Subject == r.Subject {
			return errs.PermissionDenied("SECOND_OFFICIAL_APPROVES")
		}
		now := a.Now()
		aw, err := a.credit(ctx, awards, r.Subject, r.Points, "manual grant: "+r.Reason+" (approved)", "grant-"+r.ID,
			func(aw domain.Award) domain.Adjustment {
				return domain.Adjustment{Kind: "grant", AwardID: aw.ID, Subject: aw.Subject, Points: r.Points, Reason: r.Reason,
					Actor: r.RequestedBy, ActorRoles: r.RequesterRoles, Department: r.Department, At: now.UTC()}
			})
		if err != nil {
			return err
		}
		r.Status, r.ApprovedBy, r.ApprovedAt, r.AwardID = domain.GrantApproved, c.Subject, now, aw.ID
		return nil
	})
	if err != nil {
		return r, domain.Award{}, err
	}
	aw, err := a.awards.Get(ctx, r.AwardID)
	return r, aw, err
}
