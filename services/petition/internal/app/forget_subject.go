package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
)

// ErasedName replaces a complainant's masked name once the privacy service
// erased the subject: officials still see that a named complainant filed
// the complaint, but no longer any part of the name.
const ErasedName = "(삭제된 이용자)"

// ForgetSubject drops what the service keeps about an erased privacy
// subject (seoul.privacy.subject.erased, A10.4): the masked name, phone
// and e-mail and the privacy tokens on the subject's complaints and
// opinions. The tokens point at shredded data, so they go too. The
// complaints and opinions themselves stay: they are records of the
// office's work. The subject is the one the contact was stored under, the
// signed-in caller's subject (citizen_subject); anonymous opinions carry
// no contact and are never matched. The consumer runs it over its inbox
// transaction, so it happens exactly once per event.
func (s *App) ForgetSubject(ctx context.Context, subject string) error {
	if subject == "" {
		return errs.Invalid("subject_id", "REQUIRED")
	}
	return s.store.ForgetSubject(ctx, subject, ErasedName, s.now())
}
