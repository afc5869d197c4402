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
func (a *App) EraseSubject(ctx context.Context, actor domain.Actor, subjectID string) (time.Time, error) {
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

// PlaceLegalHold records a hold (privacy officers).
func (a *App) PlaceLegalHold(ctx context.Context, actor domain.Actor, h domain.LegalHold) (domain.LegalHold, error) {
	if err := domain.ValidateHold(h); err != nil {
		return domain.LegalHold{}, err
	}
	if !actor.Has(domain.RolePrivacyOfficer) {
		return domain.LegalHold{}, refusal(actor, "OFFICER_ONLY")
	}
	h.PlacedBy, h.Reason = actor.Subject, maskNote(h.Reason)
	return a.Holds.Create(ctx, h)
}

// ReleaseLegalHold lifts a hold (privacy officers); releasing twice
// returns the released hold.
func (a *App) ReleaseLegalHold(ctx context.Context, actor domain.Actor, subjectID, holdID string) (domain.LegalHold, error) {
	var v errs.Violations
	v.Check(!domain.ValidSubjectID(subjectID), "subject_id", "SUBJECT_ID")
	v.Check(!validUUID(holdID), "hold_id", "NOT_UUID")
	if err := v.Err(); err != nil {
		return domain.LegalHold{}, err
	}
	if !actor.Has(domain.RolePrivacyOfficer) {
		return domain.LegalHold{}, refusal(actor, "OFFICER_ONLY")
	}
	return a.Holds.Update(ctx, subjectID, holdID, func(h *domain.LegalHold) error {
		h.Release(actor.Subject, a.now())
		return nil
	})
}
