package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ReleaseLegalHold lifts a hold (privacy officers); releasing twice
// returns the released hold.
func (a *App) ReleaseLegalHold(ctx context.Context, subjectID, holdID string) (domain.LegalHold, error) {
	actor := caller(ctx)
	var v errs.Violations
	v.Check(!domain.ValidSubjectID(subjectID), "subject_id", "SUBJECT_ID")
	v.Check(!validUUID(holdID), "hold_id", "NOT_UUID")
	if err := v.Err(); err != nil {
		return domain.LegalHold{}, err
	}
	if !actor.Has(domain.RolePrivacyOfficer) {
		return domain.LegalHold{}, refusal(actor, "OFFICER_ONLY")
	}
	return a.Holds.Update(ctx, subjectID, holdID, func(h *domain.LegalHold) error {
		h.Release(actor.Subject, a.now())
		return nil
	})
}
