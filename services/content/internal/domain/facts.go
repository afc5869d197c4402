package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// The department evaluation (A4.3) also counts how departments handle civil
// complaints and how their moderation decisions stand up on appeal. Those
// are other services' work: the content service keeps the facts their
// events announced, each with the time it happened and the time it was
// recorded here, and never changes them, so a past period can be evaluated
// again from the same facts.

// ComplaintStep is a step of a civil complaint the evaluation counts.
type ComplaintStep string

// The complaint steps, as the petition service announces them (A6.2).
const (
	ComplaintReceived    ComplaintStep = "received"
	ComplaintAssigned    ComplaintStep = "assigned"
	ComplaintTransferred ComplaintStep = "transferred"
	// ComplaintTransferredOut is a transfer to an outside agency: the
	// city's handling ends there.
	ComplaintTransferredOut ComplaintStep = "transferred_out"
	ComplaintExtended       ComplaintStep = "extended"
	ComplaintAnswered       ComplaintStep = "answered"
	ComplaintReopened       ComplaintStep = "reopened"
	ComplaintClosed         ComplaintStep = "closed"
)

// ComplaintFact is one step of a complaint: the department holding it
// after the step ("" before it is assigned) and its due time then.
type ComplaintFact struct {
	EventID        string
	ComplaintID    string
	Step           ComplaintStep
	DepartmentCode string
	DueAt          time.Time
	OccurredAt     time.Time
	RecordedAt     time.Time
}

// Validate refuses a fact that cannot be counted: it is bad input (an
// event that will never become valid).
func (f ComplaintFact) Validate() error {
	var v errs.Violations
	v.Check(f.EventID == "", "event_id", "REQUIRED")
	v.Check(f.ComplaintID == "", "complaint_id", "REQUIRED")
	v.Check(f.OccurredAt.IsZero(), "occur_time", "REQUIRED")
	switch f.Step {
	case ComplaintReceived, ComplaintAssigned, ComplaintTransferred, ComplaintTransferredOut,
		ComplaintExtended, ComplaintAnswered, ComplaintReopened, ComplaintClosed:
	default:
		v.Add("step", "INVALID_ENUM")
	}
	return v.Err()
}

// ModerationStep is what happened to a moderation decision.
type ModerationStep string

// The moderation steps, as the board service announces them (A5).
const (
	ModerationRemoved    ModerationStep = "removed"
	ModerationOverturned ModerationStep = "overturned"
)

// ModerationFact is a removal of a post or comment, or its reversal on
// appeal. DecisionID is the removal's decision in both, so a reversal is
// counted against the department that removed.
type ModerationFact struct {
	EventID    string
	DecisionID string
	Step       ModerationStep
	// DepartmentCode is the department answerable for a removal ("" on a
	// reversal: it is the removal's).
	DepartmentCode string
	OccurredAt     time.Time
	RecordedAt     time.Time
}

// Attributable reports whether the fact can be counted: events published
// before the board named the answerable department and the overturned
// removal carry neither and are left out.
func (f ModerationFact) Attributable() bool {
	if f.Step == ModerationRemoved {
		return f.DecisionID != "" && f.DepartmentCode != ""
	}
	return f.DecisionID != ""
}

// Validate refuses a fact that cannot be read at all.
func (f ModerationFact) Validate() error {
	var v errs.Violations
	v.Check(f.EventID == "", "event_id", "REQUIRED")
	v.Check(f.OccurredAt.IsZero(), "occur_time", "REQUIRED")
	v.Check(f.Step != ModerationRemoved && f.Step != ModerationOverturned, "step", "INVALID_ENUM")
	return v.Err()
}
