package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Consent is a subject's consent to a purpose under a policy version.
// Withdrawal keeps the row: when consent was given and withdrawn is what
// the register must be able to show.
type Consent struct {
	ID            int64
	SubjectID     string
	Purpose       string
	PolicyVersion string
	GrantedAt     time.Time
	WithdrawnAt   *time.Time
}

// Live reports whether the consent is granted and not withdrawn.
func (c Consent) Live() bool { return c.WithdrawnAt == nil }

// Withdraw ends the consent; withdrawing twice keeps the first withdrawal.
func (c *Consent) Withdraw(at time.Time) {
	if c.WithdrawnAt == nil {
		c.WithdrawnAt = &at
	}
}

// ValidateConsent checks a grant.
func ValidateConsent(subjectID, purpose, policyVersion string) error {
	var v errs.Violations
	v.Check(!ValidSubjectID(subjectID), "subject_id", "SUBJECT_ID")
	v.Check(!ValidPurpose(purpose), "purpose", "PURPOSE_NAME", "example", "event_newsletter")
	v.Check(!ValidPolicyVersion(policyVersion), "policy_version", "POLICY_VERSION_UNKNOWN")
	return v.Err()
}

// CanManageConsent: consents are the subject's own to give; a privacy
// officer may record a withdrawal received by other means.
func CanManageConsent(a Actor, subjectID string, withdrawing bool) Decision {
	switch {
	case a.Anonymous():
		return Decision{false, "not signed in"}
	case a.Self(subjectID):
		return Decision{true, "own consent"}
	case withdrawing && a.Has(RolePrivacyOfficer):
		return Decision{true, "privacy officer records a withdrawal"}
	}
	return Decision{false, "only the subject may give consent"}
}

// CanReadSubjectRecords: the subject, privacy officers and admins see a
// subject's consents and legal holds.
func CanReadSubjectRecords(a Actor, subjectID string) Decision {
	switch {
	case a.Anonymous():
		return Decision{false, "not signed in"}
	case a.Self(subjectID), a.HasAny(RolePrivacyOfficer, RoleAdmin):
		return Decision{true, ""}
	}
	return Decision{false, "only the subject and privacy officers may see this"}
}
