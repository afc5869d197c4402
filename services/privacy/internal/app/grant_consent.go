package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// GrantConsent records the subject's consent to purpose under a published
// policy version.
func (a *App) GrantConsent(ctx context.Context, subjectID, purpose, policyVersion string) (domain.Consent, error) {
	actor := caller(ctx)
	if err := domain.ValidateConsent(subjectID, purpose, policyVersion); err != nil {
		return domain.Consent{}, err
	}
	if d := domain.CanManageConsent(actor, subjectID, false); !d.Allowed {
		return domain.Consent{}, refusal(actor, "PERSONAL_DATA_ACCESS_DENIED", "why", d.Reason)
	}
	if _, err := a.Policies.Get(ctx, policyVersion); errs.Is(err, errs.KindNotFound) {
		return domain.Consent{}, errs.Invalid("policy_version", "POLICY_VERSION_UNKNOWN")
	} else if err != nil {
		return domain.Consent{}, err
	}
	return a.Consents.Grant(ctx, domain.Consent{SubjectID: subjectID, Purpose: purpose, PolicyVersion: policyVersion})
}
