package domain

import (
	"regexp"
	"slices"
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
)

// Actor is the verified caller as the rules see it.
type Actor struct {
	Subject    string
	Roles      []string
	Department string
	// Client names a machine client; CallingService the suite service that
	// forwarded the call (x-calling-service), recorded for audit.
	Client         string
	CallingService string
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
// a case_reference, so every such reveal points at the case that justified it.
type RevealRule struct {
	Role      string
	Purpose   string
	Fields    []string
	NeedsCase bool
}

var contactFields = []string{FieldName, FieldPhone, FieldEmail, FieldAddress, FieldPostalCode}
var deliveryFields = []string{FieldName, FieldPhone, FieldAddress, FieldPostalCode}

// RevealRules is the whole authorization table for plaintext (role ×
// purpose × field). Anything not listed — and not the subject's own data —
// is refused and logged. Moderators and admins have no entry on purpose:
// running the site does not entitle anyone to read personal data.
var RevealRules = []RevealRule{
	{RoleOfficial, PurposeComplaintHandling, contactFields, true},
	{RoleOfficial, PurposePrizeDelivery, deliveryFields, true},
	{RolePrivacyOfficer, PurposeDisclosureProcessing, AllFields(), true},
	{RolePrivacyOfficer, PurposeSubjectAccess, AllFields(), true},
	{RoleService, PurposeNotification, []string{FieldEmail, FieldPhone}, false},
	{RoleService, PurposePrizeDelivery, deliveryFields, true},
	{RoleService, PurposeRedemption, []string{FieldName, FieldTransitCardNumber, FieldAccountNumber}, true},
}

// Decision is the outcome of a rule check, with the reason for the log.
type Decision struct {
	Allowed bool
	Reason  string
}

// CanReveal decides whether actor may see field of subjectID in plaintext
// for purpose. The subject may always see their own data (also when a
// service forwards their token on their behalf).
func CanReveal(a Actor, subjectID, field, purpose, caseRef string) Decision {
	if a.Anonymous() {
		return Decision{false, "not signed in"}
	}
	if a.Self(subjectID) {
		return Decision{true, "own data"}
	}
	return byRule(a, field, purpose, caseRef)
}

// byRule applies the RevealRules table.
func byRule(a Actor, field, purpose, caseRef string) Decision {
	for _, r := range RevealRules {
		if !a.Has(r.Role) || r.Purpose != purpose || !slices.Contains(r.Fields, field) {
			continue
		}
		if r.NeedsCase && caseRef == "" {
			return Decision{false, "purpose " + purpose + " requires a case_reference"}
		}
		return Decision{true, "rule " + r.Role + "/" + r.Purpose}
	}
	return Decision{false, "no rule lets these roles reveal " + field + " for " + purpose}
}

// maskedViewers may see masked views of anyone's data.
var maskedViewers = []string{RoleOfficial, RoleModerator, RolePrivacyOfficer, RoleAdmin, RoleService}

// CanViewMasked decides masked views: the subject, and the roles that
// handle citizens' business (a moderator seeing 홍*동 on a real-name board).
func CanViewMasked(a Actor, subjectID string) Decision {
	switch {
	case a.Anonymous():
		return Decision{false, "not signed in"}
	case a.Self(subjectID):
		return Decision{true, "own data"}
	case a.HasAny(maskedViewers...):
		return Decision{true, "role may view masked data"}
	}
	return Decision{false, "only the subject and staff roles may view masked data"}
}

// CanStore decides who may store a subject's data: the subject (directly
// or through a service forwarding their token), a suite service, or an
// official entering data received on paper for a case.
func CanStore(a Actor, subjectID string) Decision {
	switch {
	case a.Anonymous():
		return Decision{false, "not signed in"}
	case a.Self(subjectID):
		return Decision{true, "own data"}
	case a.HasAny(RoleService, RoleOfficial, RolePrivacyOfficer):
		return Decision{true, "role may collect data"}
	}
	return Decision{false, "only the subject, officials and services may store personal data"}
}

// CanLookup decides blind-index searches: they link a value to a person,
// so only roles with a reveal rule for that field may search it.
func CanLookup(a Actor, field, purpose, caseRef string) Decision {
	if a.Anonymous() {
		return Decision{false, "not signed in"}
	}
	return byRule(a, field, purpose, caseRef)
}

var (
	purposeRe = regexp.MustCompile(`^[a-z][a-z0-9_:.-]{1,63}$`)
	idRe      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:@|-]{0,127}$`)
)

// ValidPurpose reports whether p is a well-formed purpose name.
func ValidPurpose(p string) bool { return purposeRe.MatchString(p) }

// ValidSubjectID reports whether id looks like an identity-provider subject.
func ValidSubjectID(id string) bool { return idRe.MatchString(id) }
