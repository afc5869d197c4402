package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// GrantConsent records the subject's consent to purpose under a published
// policy version.
func (a *App) GrantConsent(ctx context.Context, actor domain.Actor, subjectID, purpose, policyVersion string) (domain.Consent, error) {
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

// WithdrawConsent records a withdrawal; withdrawing twice returns the
// withdrawn consent.
func (a *App) WithdrawConsent(ctx context.Context, actor domain.Actor, subjectID, purpose string) (domain.Consent, error) {
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

// ListConsents lists a subject's consents, live and withdrawn.
func (a *App) ListConsents(ctx context.Context, actor domain.Actor, subjectID string) ([]domain.Consent, error) {
	if !domain.ValidSubjectID(subjectID) {
		return nil, errs.Invalid("subject_id", "SUBJECT_ID")
	}
	if d := domain.CanReadSubjectRecords(actor, subjectID); !d.Allowed {
		return nil, refusal(actor, "PERSONAL_DATA_ACCESS_DENIED", "why", d.Reason)
	}
	return a.Consents.List(ctx, subjectID)
}
