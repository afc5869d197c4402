// Package domain is the mail service's rules: e-mail IDs (A9.2), the terms
// of the service (A9.3), notice templates and the delivery of a notice
// (A9.1). It knows nothing of SMTP, PostgreSQL or gRPC.
package domain

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/textrule"
)

// Kind says whom an ID was given to.
type Kind string

const (
	KindOfficial Kind = "official"
	KindCitizen  Kind = "citizen"
)

// State is the life of an ID.
type State string

const (
	StateActive    State = "active"
	StateSuspended State = "suspended"
	StateClosed    State = "closed"
)

// Appeal decisions.
const (
	DecisionReinstated = "reinstated"
	DecisionUpheld     = "upheld"
)

// Suspension is why an account is suspended and what became of the appeal.
type Suspension struct {
	Clause, Reason, SuspendedBy string
	SuspendedAt                 time.Time
	AppealStatement             string
	AppealedAt                  time.Time
	Decision, DecisionReason    string
	DecidedBy                   string
	DecidedAt                   time.Time
}

// Account is an e-mail ID. Addresses under the city's domain are account
// names the holder chose, not contact data: the holder's own contact
// address, when they gave one, lives in the privacy vault.
type Account struct {
	ID             string
	Kind           Kind
	LocalPart      string
	Domain         string
	SubjectID      string
	DepartmentCode string
	// DisplayName is set for officials only (a work identity, e.g.
	// "도시교통실 홍길동"); citizens' names stay in the privacy vault.
	DisplayName   string
	State         State
	AcceptedTerms string
	Suspension    *Suspension
	// SubmissionHash is the Argon2id hash of the holder's app password for
	// complaints by e-mail ("" when none was set), SubmissionSetAt when.
	SubmissionHash  string
	SubmissionSetAt time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time

	events []Event
}

// Events returns the changes recorded since the account was loaded.
func (a *Account) Events() []Event { return a.events }

func (a *Account) record(verb, clause, decision string, at time.Time) {
	a.events = append(a.events, AccountChanged{AccountID: a.ID, SubjectID: a.SubjectID, DepartmentCode: a.DepartmentCode,
		Kind: a.Kind, Verb: verb, Clause: clause, Decision: decision, At: at})
}

// Address is the account's e-mail address.
func (a *Account) Address() string { return a.LocalPart + "@" + a.Domain }

// localPartRE is a lower-case RFC 5321 dot-atom subset: a letter first,
// then letters, digits and single '.', '-' or '_' separators, no separator
// at the end.
var localPartRE = regexp.MustCompile(`^[a-z][a-z0-9]*([._-][a-z0-9]+)*$`)

// Reserved are names no one may take: RFC 2142 role mailboxes, the
// service's own, and names that would pass for the city's authority.
var Reserved = []string{
	"postmaster", "abuse", "hostmaster", "webmaster", "security", "noc", "info", "support",
	"admin", "administrator", "root", "mayor", "seoul", "city", "official", "noreply",
	"no-reply", "complaint", "complaints", "minwon", "privacy", "mailer-daemon", "help",
}

// CheckLocalPart validates a requested local part under field.
func CheckLocalPart(field, s string) error {
	if s == "" {
		return errs.Invalid(field, "REQUIRED")
	}
	if n := len(s); n < 3 || n > 32 {
		return errs.Invalid(field, "LENGTH", "min", 3, "max", 32)
	}
	if !localPartRE.MatchString(s) {
		return errs.Invalid(field, "LOCAL_PART")
	}
	if slices.Contains(Reserved, s) || strings.HasPrefix(s, "postmaster") {
		return errs.Invalid(field, "RESERVED_NAME")
	}
	return nil
}

// CheckDisplayName validates an official's display name (Korean welcome).
func CheckDisplayName(field, s string) error {
	if textrule.Blank(s) {
		return errs.Invalid(field, "REQUIRED")
	}
	if utf8.RuneCountInString(s) > 50 {
		return errs.Invalid(field, "TOO_LONG", "max", 50)
	}
	if textrule.HasControl(s) || strings.ContainsAny(s, "<>\"@,;\r\n\t") {
		return errs.Invalid(field, "DISPLAY_NAME_CHARACTERS")
	}
	return nil
}

// NewAccount is a new active account whose holder accepted terms.
func NewAccount(id string, kind Kind, local, domain, subject, department, display, terms string, now time.Time) *Account {
	a := &Account{ID: id, Kind: kind, LocalPart: local, Domain: domain, SubjectID: subject,
		DepartmentCode: department, DisplayName: display, State: StateActive, AcceptedTerms: terms,
		CreatedAt: now, UpdatedAt: now}
	a.record("created", "", "", now)
	return a
}

// AcceptTerms records acceptance of version, which must be in force.
func (a *Account) AcceptTerms(version string, current Terms, now time.Time) error {
	if a.State == StateClosed {
		return errs.FailedPrecondition("MAIL_ACCOUNT_CLOSED", "id", a.ID)
	}
	if version != current.Version {
		return errs.Invalid("terms_version", "TERMS_VERSION_IN_FORCE", "version", current.Version)
	}
	a.AcceptedTerms, a.UpdatedAt = version, now
	return nil
}

// Usable refuses use of the service until the terms in force are
// accepted (A9.3) and while the account is not active.
func (a *Account) Usable(current Terms) error {
	if a.State != StateActive {
		return errs.FailedPrecondition("MAIL_ACCOUNT_STATE", "id", a.ID, "state", a.State)
	}
	if a.AcceptedTerms != current.Version {
		return errs.FailedPrecondition("TERMS_MUST_BE_ACCEPTED", "version", current.Version)
	}
	return nil
}

// Suspend suspends an active account on a clause of the terms in force.
func (a *Account) Suspend(clause, reason, by string, current Terms, now time.Time) error {
	var v errs.Violations
	if !current.HasClause(clause) {
		v.Add("clause", "TERMS_CLAUSE", "version", current.Version)
	}
	if textrule.Blank(reason) || utf8.RuneCountInString(reason) > 1000 {
		v.Add("reason", "LENGTH", "min", 1, "max", 1000)
	}
	if err := v.Err(); err != nil {
		return err
	}
	if a.State != StateActive {
		return errs.FailedPrecondition("SUSPEND_ACTIVE_ONLY", "state", a.State)
	}
	a.State, a.UpdatedAt = StateSuspended, now
	a.Suspension = &Suspension{Clause: clause, Reason: reason, SuspendedBy: by, SuspendedAt: now}
	a.record("suspended", clause, "", now)
	return nil
}

// Appeal records the holder's appeal of the current suspension, once.
func (a *Account) Appeal(statement string, now time.Time) error {
	if textrule.Blank(statement) || utf8.RuneCountInString(statement) > 2000 {
		return errs.Invalid("statement", "LENGTH", "min", 1, "max", 2000)
	}
	if a.State != StateSuspended || a.Suspension == nil {
		return errs.FailedPrecondition("MAIL_ACCOUNT_NOT_SUSPENDED", "id", a.ID)
	}
	if !a.Suspension.AppealedAt.IsZero() {
		return errs.FailedPrecondition("SUSPENSION_APPEALED")
	}
	a.Suspension.AppealStatement, a.Suspension.AppealedAt, a.UpdatedAt = statement, now, now
	return nil
}

// Decide settles an appeal. The admin who suspended may not decide it.
func (a *Account) Decide(reinstate bool, reason, by string, now time.Time) error {
	if textrule.Blank(reason) || utf8.RuneCountInString(reason) > 1000 {
		return errs.Invalid("reason", "LENGTH", "min", 1, "max", 1000)
	}
	s := a.Suspension
	if a.State != StateSuspended || s == nil || s.AppealedAt.IsZero() || s.Decision != "" {
		return errs.FailedPrecondition("NO_APPEAL_WAITING", "id", a.ID)
	}
	if s.SuspendedBy == by {
		return errs.PermissionDenied("APPEAL_BY_OTHER_ADMIN")
	}
	s.Decision, s.DecisionReason, s.DecidedBy, s.DecidedAt = DecisionUpheld, reason, by, now
	if reinstate {
		s.Decision, a.State = DecisionReinstated, StateActive
	}
	a.UpdatedAt = now
	a.record("appeal_decided", s.Clause, s.Decision, now)
	return nil
}

// Close closes the account for good; closing a closed one is a no-op.
func (a *Account) Close(now time.Time) {
	if a.State == StateClosed {
		return
	}
	a.State, a.UpdatedAt = StateClosed, now
	a.record("closed", "", "", now)
}
