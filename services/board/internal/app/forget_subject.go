package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
)

// ErasedAuthor replaces a masked real name once the privacy service erased
// the subject.
const ErasedAuthor = "(삭제된 이용자)"

// ForgetSubject drops what the service cached about an erased subject
// (seoul.privacy.subject.erased): the masked name in the cache and on the
// subject's items on real-name boards. It runs inside the consumer's
// transaction (an App over the store joined to it), so it happens exactly
// once.
func (s *App) ForgetSubject(ctx context.Context, subject string) error {
	if subject == "" {
		return errs.Invalid("subject_id", "REQUIRED")
	}
	return s.names.Forget(ctx, subject, ErasedAuthor)
}
