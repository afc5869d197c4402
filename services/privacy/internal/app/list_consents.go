package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ListConsents lists a subject's consents, live and withdrawn.
func (a *App) ListConsents(ctx context.Context, subjectID string) ([]domain.Consent, error) {
	actor := caller(ctx)
	if !domain.ValidSubjectID(subjectID) {
		return nil, errs.Invalid("subject_id", "SUBJECT_ID")
	}
	if d := domain.CanReadSubjectRecords(actor, subjectID); !d.Allowed {
		return nil, refusal(actor, "PERSONAL_DATA_ACCESS_DENIED", "why", d.Reason)
	}
	return a.Consents.List(ctx, subjectID)
}
