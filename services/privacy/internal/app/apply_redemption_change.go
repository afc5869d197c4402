package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ApplyRedemptionChange grants the redemption case while the redemption is
// held (until its hold expires) and revokes it when the redemption is
// settled. An event older than one already applied to the redemption
// changes nothing, so a late redelivery of the hold cannot revive it.
func (a *App) ApplyRedemptionChange(ctx context.Context, c domain.RedemptionChange, eventID string) error {
	c.At = a.eventTime(c.At)
	var v errs.Violations
	v.Check(c.RedemptionID == "" || len(c.RedemptionID) > 128, "redemption_id", "LENGTH", "min", 1, "max", 128)
	v.Check(c.Subject == "", "subject_id", "REQUIRED")
	v.Check(c.Held && !c.HoldExpiresAt.After(c.At), "hold_expire_time", "NOT_AFTER", "other", "occur_time")
	if err := v.Err(); err != nil {
		return err
	}
	const purpose = domain.PurposeRedemption
	return a.Grants.Update(ctx, purpose, c.RedemptionID, func(k *domain.Case) error {
		if !k.Advance(c.At) {
			return nil
		}
		k.EventID = eventID
		if !c.Held {
			k.Revoke(c.At, "redemption settled")
			return nil
		}
		k.Award(domain.Grant{Purpose: purpose, CaseReference: c.RedemptionID, SubjectID: c.Subject,
			GrantedAt: c.At, ExpiresAt: c.HoldExpiresAt, Reason: "redemption held"})
		return nil
	})
}
