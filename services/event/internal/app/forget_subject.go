package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// ForgetSubject applies the privacy service's erasure of a subject
// (seoul.privacy.subject.erased, A10.4): the tokens of their entries point
// at shredded data and are cleared, and their masked name on winner rows
// becomes domain.ErasedName. The entries and winners stay — the entry list
// digest, the ranks and the prizes are the public record of the draw. It
// runs over the consumer's transaction (the store over pg.Joined), so it
// happens exactly once.
func (a *App) ForgetSubject(ctx context.Context, subjectID string) error {
	if subjectID == "" {
		return errs.Invalid("subject_id", "REQUIRED")
	}
	return a.entries.ForgetSubject(ctx, subjectID, domain.ErasedName)
}
