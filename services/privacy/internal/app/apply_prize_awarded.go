package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ApplyPrizeAwarded grants the department running eventID access to the
// winner's delivery data for PrizeDeliveryWindow after the award. The
// department may not be known yet; it is resolved when read.
func (a *App) ApplyPrizeAwarded(ctx context.Context, eventID, winner string, at time.Time, msgID string) error {
	var v errs.Violations
	v.Check(eventID == "" || len(eventID) > 128, "event_id", "LENGTH", "min", 1, "max", 128)
	v.Check(winner == "", "subject_id", "REQUIRED")
	if err := v.Err(); err != nil {
		return err
	}
	at = a.eventTime(at)
	return a.Grants.Update(ctx, domain.PurposePrizeDelivery, eventID, func(k *domain.Case) error {
		k.EventID = msgID
		k.Award(domain.Grant{Purpose: domain.PurposePrizeDelivery, CaseReference: eventID, SubjectID: winner,
			GrantedAt: at, ExpiresAt: at.Add(domain.PrizeDeliveryWindow), Reason: "prize awarded"})
		return nil
	})
}
