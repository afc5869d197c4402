package domain

import (
	"regexp"
	"slices"
	"strings"
)

// Role names as they appear in the caller's token.
const (
	RoleCitizen        = "citizen"
	RoleOfficial       = "official"
	RoleModerator      = "moderator"
	RolePrivacyOfficer = "privacy_officer"
	RoleAdmin          = "admin"
	RoleService        = "service"
)

// Purposes of use the reveal rules know. A purpose outside the table is
// only good for the subject's own data.
const (
	PurposeComplaintHandling    = "complaint_handling"
	PurposePrizeDelivery        = "prize_delivery"
	PurposeRedemption           = "redemption"
	PurposeNotification         = "notification"
	PurposeDisclosureProcessing = "disclosure_processing"
	PurposeSubjectAccess        = "subject_access_request"
	// PurposeComplaint is the collection of a complainant's data with
	// their complaint (the petition service stores under it).
	PurposeComplaint = "complaint"
)

// casePurposes are the purposes whose case_reference names a case with
// grants: a complaint, a participation event, a redemption.
var casePurposes = []string{PurposeComplaintHandling, PurposePrizeDelivery, PurposeRedemption}

// Actor is the verified caller as the rules see it.
type Actor struct {
	Subject    string
	Roles      []string
	Department string
	// Client names a machine client and Scope is its registration (nil
	// for people); CallingService is the suite service that forwarded the
	// call, as its mutual-TLS certificate proved, recorded for audit.
	Client         string
	Scope          *ClientScope
	CallingService string
	// OnBehalfOf is the person a machine client calls for, as the client's
	// registration allowed (the mail service filing a citizen's complaint
	// sent from their city mail ID); "" otherwise.
	OnBehalfOf string
}

// FilesFor reports whether subjectID is a person a machine client files
// for: one of its own namespace, "<client subject>:<account>" (an Open311
// app submitting for the people who use it). Client ids hold no ":", so
// one client's namespace never contains another's.
func (a Actor) FilesFor(subjectID string) bool {
	return a.Client != "" && a.Subject != "" && strings.HasPrefix(subjectID, a.Subject+":")
}

// Anonymous reports whether no one is signed in.
func (a Actor) Anonymous() bool { return a.Subject == "" }

// Has reports whether the actor holds role.
func (a Actor) Has(role string) bool { return slices.Contains(a.Roles, role) }

// HasAny reports whether the actor holds any of roles.
func (a Actor) HasAny(roles ...string) bool { return slices.ContainsFunc(roles, a.Has) }

// Self reports whether the actor is the data subject.
func (a Actor) Self(subjectID string) bool { return subjectID != "" && a.Subject == subjectID }

// RevealRule allows Role to reveal Fields for Purpose. NeedsCase requires
// a case_reference, so every such reveal points at the case that justified
// it. CaseBound further requires a grant in force for that case, the
// caller's department and the data's subject (see Grant): the department
// a complaint is assigned to, the department running a participation event.
type RevealRule struct {
	Role      string
	Purpose   string
	Fields    []string
	NeedsCase bool
	CaseBound bool
	// AnyDepartment lets a machine client (no department of its own) use
	// the grant a department holds in the case: a delivery system can
	// reveal a winner's address, but only a winner's, and only in that event.
	AnyDepartment bool
}

var contactFields = []string{FieldName, FieldPhone, FieldEmail, FieldAddress, FieldPostalCode}

// complaintFields: the handling official also reads the originals of the
// complaint's texts (its body, the address of the matter) that the
// petition service vaulted because they held personal data.
var complaintFields = append(contactFields[:len(contactFields):len(contactFields)], FieldFreeText)

// officerFields: a privacy officer answering a subject access request or
// processing a disclosure sees fields and texts alike.
var officerFields = append(AllFields(), FieldFreeText)
var deliveryFields = []string{FieldName, FieldPhone, FieldAddress, FieldPostalCode}

// RevealRules is the authorization table for people's plaintext (role ×
// purpose × field, and for officials the case's grant); machine clients
// follow their registration instead (ClientScope). Anything not allowed —
// and not the subject's own data — is refused. Moderators and admins have
// no entry on purpose: running the site does not entitle anyone to read
// personal data.
var RevealRules = []RevealRule{
	{RoleOfficial, PurposeComplaintHandling, complaintFields, true, true, false},
	{RoleOfficial, PurposePrizeDelivery, deliveryFields, true, true, false},
	{RolePrivacyOfficer, PurposeDisclosureProcessing, officerFields, true, false, false},
	{RolePrivacyOfficer, PurposeSubjectAccess, officerFields, true, false, false},
}

// Decision is the outcome of a rule check, with the reason for the log.
type Decision struct {
	Allowed bool
	Reason  string
}

// CanReveal decides whether actor may see field of subjectID in plaintext
// for purpose. The subject may always see their own data (also when a
// service forwards their token on their behalf). grants are the grants of
// caseRef (only case-bound rules look at them).
func CanReveal(a Actor, subjectID, field, purpose, caseRef string, grants CaseGrants) Decision {
	if a.Anonymous() {
		return Decision{false, "not signed in"}
	}
	if a.Self(subjectID) {
		return Decision{true, "own data"}
	}
	if a.Scope != nil {
		return a.Scope.reveal(a.Client, subjectID, field, purpose, caseRef, grants)
	}
	return byRule(a, subjectID, field, purpose, caseRef, grants)
}

// byRule applies the RevealRules table: any matching row that is satisfied
// allows; otherwise the first matching row's objection is the reason. An
// empty subjectID (a lookup, before anyone is found) asks whether the
// caller holds any grant in the case.
func byRule(a Actor, subjectID, field, purpose, caseRef string, grants CaseGrants) Decision {
	var refusal *Decision
	for _, r := range RevealRules {
		if !a.Has(r.Role) || r.Purpose != purpose || !slices.Contains(r.Fields, field) {
			continue
		}
		d := r.check(a, subjectID, caseRef, grants)
		if d.Allowed {
			return d
		}
		if refusal == nil {
			refusal = &d
		}
	}
	if refusal != nil {
		return *refusal
	}
	return Decision{false, "no rule lets these roles reveal " + field + " for " + purpose}
}

func (r RevealRule) check(a Actor, subjectID, caseRef string, grants CaseGrants) Decision {
	if r.NeedsCase && caseRef == "" {
		return Decision{false, "purpose " + r.Purpose + " requires a case_reference"}
	}
	if r.CaseBound && r.AnyDepartment {
		if !grants.allows(r.Purpose, caseRef, "", subjectID) {
			return Decision{false, "no " + r.Purpose + " grant in case " + caseRef + " covers this subject"}
		}
		return Decision{true, "rule " + r.Role + "/" + r.Purpose + ", grant in case " + caseRef}
	}
	if r.CaseBound {
		if a.Department == "" {
			return Decision{false, "purpose " + r.Purpose + " requires an official of the department holding the case"}
		}
		if !grants.allows(r.Purpose, caseRef, a.Department, subjectID) {
			return Decision{false, "department " + a.Department + " holds no " + r.Purpose + " grant for case " + caseRef + " over this subject"}
		}
		return Decision{true, "rule " + r.Role + "/" + r.Purpose + ", grant of " + a.Department + " for case " + caseRef}
	}
	return Decision{true, "rule " + r.Role + "/" + r.Purpose}
}

// maskedViewers may see masked views of anyone's data.
var maskedViewers = []string{RoleOfficial, RoleModerator, RolePrivacyOfficer, RoleAdmin}

// CanViewMasked decides masked views of fields (all when empty): the
// subject, and the roles that handle citizens' business (a moderator
// seeing 홍*동 on a real-name board). A masked view lists the subject's
// tokens, the handles of every reveal, so a machine client sees one only
// of named fields it may reveal without a case anyway (the mail service
// finding the e-mail token to reveal at send time), never a person's list.
func CanViewMasked(a Actor, subjectID string, fields []string) Decision {
	switch {
	case a.Anonymous():
		return Decision{false, "not signed in"}
	case a.Self(subjectID):
		return Decision{true, "own data"}
	case a.Scope != nil:
		return a.Scope.masked(a.Client, fields)
	case a.HasAny(maskedViewers...):
		return Decision{true, "role may view masked data"}
	}
	return Decision{false, "only the subject and staff roles may view masked data"}
}

// CanStore decides who may store (and so change) a subject's data: the
// subject (directly or through a service forwarding their token); an
// official, or a department's system, only within a case the citizen
// opened that their department holds (a complaint, a prize won), so the
// change is tied to the case and shows in the citizen's access history;
// a privacy officer only for a case (a rectification request). Nobody else
// — not a suite service on its own token — may overwrite a citizen's
// contact data, which would redirect call-backs and deliveries.
func CanStore(a Actor, subjectID, caseRef string, grants CaseGrants) Decision {
	switch {
	case a.Anonymous():
		return Decision{false, "not signed in"}
	case a.Self(subjectID):
		return Decision{true, "own data"}
	case a.FilesFor(subjectID):
		return Decision{true, "a person the client files for"}
	case a.Has(RolePrivacyOfficer) && a.Scope == nil:
		if caseRef == "" {
			return Decision{false, "a privacy officer changes personal data only for a case: case_reference is required"}
		}
		return Decision{true, "privacy officer, case " + caseRef}
	case a.Has(RoleOfficial) || (a.Scope != nil && a.Scope.Department != ""):
		return storeInCase(a.Department, subjectID, caseRef, grants)
	}
	return Decision{false, "only the subject, or an official within a case the subject opened, may store personal data"}
}

func storeInCase(department, subjectID, caseRef string, grants CaseGrants) Decision {
	if caseRef == "" {
		return Decision{false, "an official changes a citizen's personal data only within a case the citizen opened: case_reference is required"}
	}
	for _, p := range casePurposes {
		if department != "" && grants.allows(p, caseRef, department, subjectID) {
			return Decision{true, "department " + department + " holds case " + caseRef}
		}
	}
	return Decision{false, "department " + department + " holds no case " + caseRef + " opened by this subject"}
}

// CanLookup decides blind-index searches: they link a value to a person,
// so only roles with a reveal rule for that field may search it; a
// case-bound rule needs a grant in force for the caller's department in
// the case (the app then keeps only the matches the grants cover).
func CanLookup(a Actor, field, purpose, caseRef string, grants CaseGrants) Decision {
	if a.Anonymous() {
		return Decision{false, "not signed in"}
	}
	if a.Scope != nil {
		return a.Scope.lookup(a.Client, field, purpose, caseRef, grants)
	}
	return byRule(a, "", field, purpose, caseRef, grants)
}

// LookupCaseBound reports whether actor's lookup for field and purpose is
// allowed only through a case-bound rule, so its matches must be limited to
// the subjects of the caller's grants.
func LookupCaseBound(a Actor, field, purpose string) bool {
	if a.Scope != nil {
		return clientCases[purpose] != bindNone
	}
	bound := false
	for _, r := range RevealRules {
		if !a.Has(r.Role) || r.Purpose != purpose || !slices.Contains(r.Fields, field) {
			continue
		}
		if !r.CaseBound {
			return false
		}
		bound = true
	}
	return bound
}

var (
	purposeRe = regexp.MustCompile(`^[a-z][a-z0-9_:.-]{1,63}$`)
	idRe      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:@|-]{0,127}$`)
)

// ValidPurpose reports whether p is a well-formed purpose name.
func ValidPurpose(p string) bool { return purposeRe.MatchString(p) }

// ValidSubjectID reports whether id looks like an identity-provider subject.
func ValidSubjectID(id string) bool { return idRe.MatchString(id) }
