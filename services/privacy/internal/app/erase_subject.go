package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// EraseSubject crypto-shreds a subject: the data key is destroyed, so every
// copy of the ciphertexts — backups included — is unreadable. A live legal
// hold refuses the erasure (FailedPrecondition) and, since the subject or a
// privacy officer asked, that refusal is logged for the subject.
func (a *App) EraseSubject(ctx context.Context, subjectID string) (time.Time, error) {
	actor := caller(ctx)
	if !domain.ValidSubjectID(subjectID) {
		return time.Time{}, errs.Invalid("subject_id", "SUBJECT_ID")
	}
	if d := domain.CanErase(actor, subjectID); !d.Allowed {
		return time.Time{}, a.deny(ctx, actor, "erasure", "erasure", "", d.Reason)
	}
	now := a.now()
	entry := domain.NewAccessEntry(actor, now, domain.Access{SubjectID: subjectID, Purpose: "erasure", Outcome: domain.OutcomeErased})
	s, err := a.Subjects.Update(ctx, subjectID, func(s *domain.Subject) error { return s.Erase(entry, now) })
	if errs.Is(err, errs.KindFailedPrecondition) {
		refused := domain.NewAccessEntry(actor, now, domain.Access{SubjectID: subjectID, Purpose: "erasure", Outcome: domain.OutcomeDenied, Reason: "legal hold"})
		if lerr := a.Log.Append(ctx, refused); lerr != nil {
			return time.Time{}, lerr
		}
	}
	if err != nil {
		return time.Time{}, err
	}
	return *s.ErasedAt, nil
}
