package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// LegalHold blocks erasure of a subject's data while a legal matter (an
// investigation, litigation) needs it.
type LegalHold struct {
	ID            string
	SubjectID     string
	Reason        string
	CaseReference string
	PlacedBy      string
	PlacedAt      time.Time
	ReleasedAt    *time.Time
	ReleasedBy    string
}

// Release lifts the hold; releasing a released hold keeps the first
// release.
func (h *LegalHold) Release(by string, at time.Time) {
	if h.ReleasedAt == nil {
		h.ReleasedAt, h.ReleasedBy = &at, by
	}
}

// ValidateHold checks a hold before it is placed.
func ValidateHold(h LegalHold) error {
	var v errs.Violations
	v.Check(!ValidSubjectID(h.SubjectID), "subject_id", "SUBJECT_ID")
	checkText(&v, "reason", h.Reason, 500)
	checkText(&v, "case_reference", h.CaseReference, 128)
	return v.Err()
}

// CanErase: the subject exercises the right to erasure; a privacy officer
// executes one received in writing.
func CanErase(a Actor, subjectID string) Decision {
	switch {
	case a.Anonymous():
		return Decision{false, "not signed in"}
	case a.Self(subjectID), a.Has(RolePrivacyOfficer):
		return Decision{true, ""}
	}
	return Decision{false, "only the subject or a privacy officer may erase personal data"}
}
