package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Subject is a person whose data the vault holds, as erasure sees them:
// whether they are erased already and whether a legal hold keeps their
// data.
type Subject struct {
	ID       string
	ErasedAt *time.Time
	// Held is true while a legal hold is in force.
	Held bool
	recorder
	erasing bool
}

// Erase crypto-shreds the subject's data (A10.4): the store destroys the
// data key and deletes the ciphertexts when Erasing reports true. A live
// legal hold refuses it; erasing an erased subject changes nothing.
func (s *Subject) Erase(entry AccessEntry, now time.Time) error {
	switch {
	case s.ErasedAt != nil:
		return nil
	case s.Held:
		return errs.FailedPrecondition("LEGAL_HOLD_IN_FORCE")
	}
	s.ErasedAt, s.erasing = &now, true
	s.Audit(entry)
	s.record(SubjectErased{SubjectID: s.ID, At: now})
	return nil
}

// Erasing reports whether the change erases the subject now.
func (s *Subject) Erasing() bool { return s.erasing }
