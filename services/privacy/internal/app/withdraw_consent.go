package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// WithdrawConsent records a withdrawal; withdrawing twice returns the
// withdrawn consent.
func (a *App) WithdrawConsent(ctx context.Context, subjectID, purpose string) (domain.Consent, error) {
	actor := caller(ctx)
	var v errs.Violations
	v.Check(!domain.ValidSubjectID(subjectID), "subject_id", "SUBJECT_ID")
	v.Check(!domain.ValidPurpose(purpose), "purpose", "PURPOSE_NAME", "example", "event_newsletter")
	if err := v.Err(); err != nil {
		return domain.Consent{}, err
	}
	if d := domain.CanManageConsent(actor, subjectID, true); !d.Allowed {
		return domain.Consent{}, refusal(actor, "PERSONAL_DATA_ACCESS_DENIED", "why", d.Reason)
	}
	return a.Consents.Update(ctx, subjectID, purpose, func(c *domain.Consent) error {
		c.Withdraw(a.now())
		return nil
	})
}
