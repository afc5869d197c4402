package domain

import (
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Complaints by e-mail (A9.1): a citizen with an active ID sends a
// complaint to the complaint address, authenticated with an app password
// of their ID (only its hash is kept).

// SetSubmissionPassword records the hash of the holder's new app password;
// the previous one stops working. Only an active citizen's ID has one.
func (a *Account) SetSubmissionPassword(hash string, now time.Time) error {
	if a.Kind != KindCitizen {
		return errs.FailedPrecondition("SUBMISSION_CITIZENS_ONLY")
	}
	if a.State != StateActive {
		return errs.FailedPrecondition("MAIL_ACCOUNT_STATE", "id", a.ID, "state", a.State)
	}
	a.SubmissionHash, a.SubmissionSetAt, a.UpdatedAt = hash, now, now
	return nil
}

// MaySubmit refuses a complaint by e-mail from an ID that could not give
// one: no citizen's, not active, or the terms in force not accepted.
func (a *Account) MaySubmit(current Terms) error {
	if a.Kind != KindCitizen {
		return errs.FailedPrecondition("SUBMISSION_CITIZENS_ONLY")
	}
	return a.Usable(current)
}

// ComplaintAddress is where complaints are sent: localPart at the domain
// of the IDs (a reserved name, so no one holds it).
func ComplaintAddress(localPart, domain string) string { return localPart + "@" + domain }

// SameAddress compares e-mail addresses as this service hands them out:
// lower-case local parts, domains case-insensitive.
func SameAddress(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
