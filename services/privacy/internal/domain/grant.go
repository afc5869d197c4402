package domain

import (
	"slices"
	"strings"
	"time"
)

// Grace periods of case-bound grants: after a complaint is answered or
// closed the department keeps its grant a while (a follow-up call, an
// additional answer requested); a prize winner's contact is needed only
// until the prize is delivered.
const (
	ComplaintGrace      = 30 * 24 * time.Hour
	PrizeDeliveryWindow = 90 * 24 * time.Hour
)

// Grant lets one department reveal one subject's data for one case and
// purpose (A10.1). Grants are recorded from the owners' domain events: the
// department a complaint is assigned to, the department running a
// participation event for its winners.
type Grant struct {
	Purpose       string
	CaseReference string
	SubjectID     string
	// Department is "" while a prize grant's event department is unknown.
	Department string
	GrantedAt  time.Time
	// ExpiresAt is zero while the case is open.
	ExpiresAt time.Time
	// RevokedAt is zero for a live grant.
	RevokedAt time.Time
	Reason    string
}

// ActiveAt reports whether the grant is in force at t.
func (g Grant) ActiveAt(t time.Time) bool {
	return g.RevokedAt.IsZero() && (g.ExpiresAt.IsZero() || t.Before(g.ExpiresAt))
}

// CaseGrants are the grants of the case a request names, as of At.
type CaseGrants struct {
	At     time.Time
	Grants []Grant
}

// allows reports whether a grant in force lets department reveal
// subjectID's data for purpose in caseRef; department "" accepts the grant
// of any department (machine clients acting for the case's department).
func (c CaseGrants) allows(purpose, caseRef, department, subjectID string) bool {
	return slices.ContainsFunc(c.Grants, func(g Grant) bool {
		return g.Purpose == purpose && g.CaseReference == caseRef && (department == "" || g.Department == department) &&
			(subjectID == "" || g.SubjectID == subjectID) && g.ActiveAt(c.At)
	})
}

// SubjectsFor returns the subjects department holds a grant in force for,
// in caseRef for purpose; department "" takes every department's grants
// (machine clients acting for whichever department holds the case).
func (c CaseGrants) SubjectsFor(purpose, caseRef, department string) []string {
	var out []string
	for _, g := range c.Grants {
		if g.Purpose == purpose && g.CaseReference == caseRef && (department == "" || g.Department == department) &&
			g.ActiveAt(c.At) && !slices.Contains(out, g.SubjectID) {
			out = append(out, g.SubjectID)
		}
	}
	return out
}

// CaseBoundPurpose reports whether purpose names a case with grants, so a
// request with it needs the case's grants loaded.
func CaseBoundPurpose(purpose string) bool { return slices.Contains(casePurposes, purpose) }

// ComplaintChange is a complaint lifecycle event as the grants see it.
type ComplaintChange struct {
	// Kind is the verb of seoul.petition.complaint.<kind>.
	Kind        string
	ComplaintID string
	Department  string
	Subject     string
	Detail      string
	At          time.Time
	// Dispatcher is the department that triages complaints before they
	// are assigned (the Mayor's office); it holds new complaints.
	Dispatcher string
}

// GrantEffect is what a complaint event does to the case's grants.
type GrantEffect int

// Effects of complaint events on grants.
const (
	// EffectNone leaves the grants as they are.
	EffectNone GrantEffect = iota
	// EffectHold makes Department the live holder (open-ended): any other
	// live grant of the case is revoked.
	EffectHold
	// EffectGrace lets the live grant expire after the grace period.
	EffectGrace
	// EffectRevoke revokes every live grant of the case.
	EffectRevoke
)

// Effect decides what c does to its case's grants:
//   - received, triaged → the dispatching department (the Mayor's office)
//     holds the grant until the complaint is assigned;
//   - assigned, reopened, transferred within the city → the (new)
//     department holds the grant, the old one loses it;
//   - transferred out of the city (detail "agency:…") → revoked;
//   - answered, closed → expires ComplaintGrace after the event;
//   - anything else → nothing.
func (c ComplaintChange) Effect() GrantEffect {
	switch c.Kind {
	case "transferred":
		if strings.HasPrefix(c.Detail, "agency:") {
			return EffectRevoke
		}
		if c.HolderDepartment() == "" {
			return EffectNone
		}
		return EffectHold
	case "received", "triaged", "assigned", "reopened":
		if c.HolderDepartment() == "" {
			return EffectNone
		}
		return EffectHold
	case "answered", "closed":
		return EffectGrace
	}
	return EffectNone
}

// HolderDepartment is the department that holds the complaint after c:
// the event's department code, or the transfer target named in its detail.
func (c ComplaintChange) HolderDepartment() string {
	if c.Kind == "transferred" {
		if d, ok := strings.CutPrefix(c.Detail, "department:"); ok && d != "" {
			return d
		}
	}
	if c.Department == "" && (c.Kind == "received" || c.Kind == "triaged") {
		return c.Dispatcher
	}
	return c.Department
}

// RedemptionChange is a mileage redemption event as the grants see it: a
// partner may reveal the citizen's card or account number only while the
// redemption is held.
type RedemptionChange struct {
	RedemptionID  string
	Subject       string
	Held          bool
	At            time.Time
	HoldExpiresAt time.Time
}
