package domain

import "slices"

// ClientScope is a machine client's registration as the rules see it: the
// department it acts for (if any) and, per purpose, the fields it may
// reveal or search by. Outside its scope a client is refused whatever its
// token says (A3.2: an outside operator gets exactly the rights granted).
type ClientScope struct {
	Department string
	Reveal     map[string][]string
	Lookup     map[string][]string
	// Store is, per purpose, the fields the client may store on behalf of
	// a person (CanStoreOnBehalf).
	Store map[string][]string
}

// onBehalfPurposes are the purposes for which a machine client may store a
// person's data on their behalf, whatever a registration says: only the
// complaint a citizen filed through the client, which the petition service
// vaults as it does a web complaint.
var onBehalfPurposes = map[string]bool{PurposeComplaint: true}

// CanStoreOnBehalf decides a store by a machine client acting on behalf of
// a person (a delegated store): only for that very person, only for a
// purpose delegation serves (a complaint), and only the fields the
// client's registration lists for it.
func CanStoreOnBehalf(a Actor, subjectID, purpose string, fields []string) Decision {
	switch {
	case a.Scope == nil || a.OnBehalfOf == "":
		return Decision{false, "not a machine client acting on behalf of a person"}
	case a.OnBehalfOf != subjectID:
		return Decision{false, "machine client " + a.Client + " acts on behalf of another person"}
	case !onBehalfPurposes[purpose]:
		return Decision{false, "no machine client stores personal data on a person's behalf for " + purpose}
	}
	for _, f := range fields {
		if !slices.Contains(a.Scope.Store[purpose], f) {
			return Decision{false, "machine client " + a.Client + " is not registered to store " + f + " for " + purpose}
		}
	}
	return Decision{true, "stored on behalf of the subject by " + a.Client}
}

// caseBinding is the live case a machine client's reveal must name.
type caseBinding int

const (
	// bindNever: no machine client may use the purpose, whatever its
	// registration says.
	bindNever caseBinding = iota
	// bindNone: no case (notices the subject is owed, sent at once).
	bindNone
	// bindDepartment: a grant the client's department holds in the case
	// (a complaint assigned to the department whose system calls).
	bindDepartment
	// bindCase: a grant in force in the case over the subject, held by the
	// client's department when it has one (a prize won in an event, a
	// redemption on hold for the subject).
	bindCase
)

// clientCases binds each purpose a machine client may use to the case it
// needs. A made-up case_reference is worth nothing: the grant comes only
// from the owning service's events (complaints assigned, prizes awarded,
// redemptions held).
var clientCases = map[string]caseBinding{
	PurposeNotification:      bindNone,
	PurposeComplaintHandling: bindDepartment,
	PurposePrizeDelivery:     bindCase,
	PurposeRedemption:        bindCase,
}

func (s *ClientScope) reveal(client, subjectID, field, purpose, caseRef string, grants CaseGrants) Decision {
	if !slices.Contains(s.Reveal[purpose], field) {
		return Decision{false, "machine client " + client + " is not registered to reveal " + field + " for " + purpose}
	}
	return s.bound(purpose, caseRef, subjectID, grants)
}

func (s *ClientScope) lookup(client, field, purpose, caseRef string, grants CaseGrants) Decision {
	if !slices.Contains(s.Lookup[purpose], field) {
		return Decision{false, "machine client " + client + " is not registered to search by " + field + " for " + purpose}
	}
	return s.bound(purpose, caseRef, "", grants)
}

// bound checks the live case purpose needs; an empty subjectID (a lookup)
// asks for any grant in the case.
func (s *ClientScope) bound(purpose, caseRef, subjectID string, grants CaseGrants) Decision {
	switch clientCases[purpose] {
	case bindNone:
		return Decision{true, "client scope " + purpose}
	case bindNever:
		return Decision{false, "no machine client may use purpose " + purpose}
	}
	if caseRef == "" {
		return Decision{false, "purpose " + purpose + " requires the case_reference of a live case"}
	}
	if clientCases[purpose] == bindDepartment && s.Department == "" {
		return Decision{false, "purpose " + purpose + " needs a client acting for the department holding the case"}
	}
	if !grants.allows(purpose, caseRef, s.Department, subjectID) {
		return Decision{false, "no live " + purpose + " case " + caseRef + " covers this subject for this client"}
	}
	return Decision{true, "client scope " + purpose + ", live case " + caseRef}
}

// masked allows a masked view of fields only when each is one the client
// may reveal for a purpose that needs no case.
func (s *ClientScope) masked(client string, fields []string) Decision {
	if len(fields) == 0 {
		return Decision{false, "machine client " + client + " must name the fields of a masked view"}
	}
	for _, f := range fields {
		if !s.revealsWithoutCase(f) {
			return Decision{false, "machine client " + client + " may not view " + f}
		}
	}
	return Decision{true, "client scope, fields it reveals without a case"}
}

func (s *ClientScope) revealsWithoutCase(field string) bool {
	for purpose, fields := range s.Reveal {
		if clientCases[purpose] == bindNone && slices.Contains(fields, field) {
			return true
		}
	}
	return false
}
