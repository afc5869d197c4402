package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ForgetSubject drops what the service keeps about a subject the privacy
// service erased (A10.4, seoul.privacy.subject.erased), inside the
// consumer's transaction so it happens exactly once. Redemptions were
// tokenized under the citizen's own subject id (see hold), so the event's
// subject id is the redemptions' subject_id. Only the personal bits of the
// redemptions go: the token (it points at shredded data), the masked card
// or account number and the request fingerprint (an unsalted hash over the
// card or account number). The redemptions themselves, the account, its
// postings, lots and awards are the financial record and stay as they are.
// It returns how many redemptions were scrubbed.
func (a *App) ForgetSubject(ctx context.Context, subject string) (int64, error) {
	if !domain.ValidSubject(subject) {
		return 0, errs.Invalid("subject_id", "SUBJECT_ID")
	}
	return a.redemptions.ForgetSubject(ctx, subject)
}
