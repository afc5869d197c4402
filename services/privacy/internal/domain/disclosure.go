package domain

import (
	"fmt"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Basis is the legal ground for giving personal data to a third party (A10.2).
type Basis string

// Bases of A10.2: the subject's consent, or the three exceptions.
const (
	BasisConsent       Basis = "consent"
	BasisInvestigation Basis = "investigation" // (1) investigation request under law
	BasisStatistics    Basis = "statistics"    // (2) de-identified statistics or research
	BasisOtherLaw      Basis = "other_law"     // (3) procedure set by another law
)

// Identifiable reports whether the basis may ever yield identifiable
// data. Statistics never do: they yield de-identified aggregates only.
func (b Basis) Identifiable() bool { return b != BasisStatistics }

// Status is where a register entry stands.
type Status string

// Register statuses.
const (
	StatusPending  Status = "pending"
	StatusApproved Status = "approved"
	StatusRejected Status = "rejected"
	StatusReleased Status = "released"
)

// Dimension is what a statistics release is aggregated by.
type Dimension string

// Dimensions a statistics request may use.
const (
	DimensionNone     Dimension = ""
	DimensionAgeBand  Dimension = "age_band"
	DimensionDistrict Dimension = "district"
)

// Disclosure is one entry of the disclosure register.
type Disclosure struct {
	ID             string
	RequestID      string
	Requester      string
	Basis          Basis
	LegalReference string
	Purpose        string
	SubjectID      string
	Fields         []string
	Dimension      Dimension
	Status         Status
	RecordedBy     string
	Approver       string
	DecisionReason string
	RequestedAt    time.Time
	DecidedAt      *time.Time
	ReleasedAt     *time.Time
	// recorder holds the access-log entries of a release, written with it.
	recorder
}

// ValidateDisclosure checks a new request; the scope must fit the basis.
func ValidateDisclosure(d Disclosure) error {
	var v errs.Violations
	checkText(&v, "requester", d.Requester, 200)
	v.Check(!ValidPurpose(d.Purpose), "purpose", "PURPOSE_NAME", "example", "investigation")
	v.Check(len(d.RequestID) > 128, "request_id", "TOO_LONG", "max", 128)
	switch d.Basis {
	case BasisConsent, BasisInvestigation, BasisOtherLaw:
		validateIdentifiableScope(&v, d)
	case BasisStatistics:
		v.Check(d.SubjectID != "", "subject_id", "STATISTICS_NO_SUBJECT")
		v.Check(len(d.Fields) > 0, "fields", "STATISTICS_NO_FIELDS")
		v.Check(d.Dimension != DimensionAgeBand && d.Dimension != DimensionDistrict, "dimension", "NOT_ONE_OF", "allowed", "age_band, district")
	default:
		v.Add("legal_basis", "NOT_ONE_OF", "allowed", "consent, investigation, statistics, other_law")
	}
	return v.Err()
}

func validateIdentifiableScope(v *errs.Violations, d Disclosure) {
	v.Check(!ValidSubjectID(d.SubjectID), "subject_id", "IDENTIFIABLE_NAMES_SUBJECT")
	v.Check(len(d.Fields) == 0, "fields", "REQUIRED")
	for i, f := range d.Fields {
		v.Check(!KnownField(f), fmt.Sprintf("fields[%d]", i), "UNKNOWN_PERSONAL_FIELD", "known", strings.Join(AllFields(), ", "))
	}
	v.Check(d.Dimension != DimensionNone, "dimension", "ONLY_STATISTICS_AGGREGATED")
	if d.Basis != BasisConsent {
		checkText(v, "legal_reference", d.LegalReference, 500)
	}
}

// CanRecordDisclosure: officials record requests received by their
// department; privacy officers record any.
func CanRecordDisclosure(a Actor) Decision {
	if a.HasAny(RoleOfficial, RolePrivacyOfficer) {
		return Decision{true, ""}
	}
	return Decision{false, "only officials and privacy officers record disclosure requests"}
}

// CanReadDisclosure: privacy officers and admins read the register; the
// official who recorded an entry reads that entry.
func CanReadDisclosure(a Actor, d Disclosure) Decision {
	if a.HasAny(RolePrivacyOfficer, RoleAdmin) || (!a.Anonymous() && a.Subject == d.RecordedBy) {
		return Decision{true, ""}
	}
	return Decision{false, "only privacy officers read the disclosure register"}
}

// Decide approves or rejects a pending request. The approver must be a
// privacy officer other than whoever recorded it (four eyes), and a
// consent-based request needs the subject's live consent to be approved.
func (d *Disclosure) Decide(a Actor, approve bool, reason string, consentLive bool, now time.Time) error {
	switch {
	case !a.Has(RolePrivacyOfficer):
		return errs.PermissionDenied("OFFICER_ONLY")
	case a.Subject == d.RecordedBy:
		return errs.PermissionDenied("RECORDER_MAY_NOT_DECIDE")
	case d.Status != StatusPending:
		return errs.FailedPrecondition("DISCLOSURE_ALREADY", "status", d.Status)
	case approve && d.Basis == BasisConsent && !consentLive:
		return errs.FailedPrecondition("NO_CONSENT", "purpose", d.Purpose)
	}
	if len(reason) > 1000 {
		return errs.Invalid("reason", "TOO_LONG", "max", 1000)
	}
	d.Status, d.Approver, d.DecisionReason, d.DecidedAt = StatusRejected, a.Subject, reason, &now
	if approve {
		d.Status = StatusApproved
	}
	return nil
}

// Release marks an approved request released. Consent is checked again:
// a withdrawal after approval stops the release.
func (d *Disclosure) Release(a Actor, consentLive bool, now time.Time) error {
	if err := d.Releasable(a, consentLive); err != nil {
		return err
	}
	d.Status, d.ReleasedAt = StatusReleased, &now
	return nil
}

// Releasable reports why a may not release d now, if anything: checked
// before the release's data is read, and again by Release under the
// entry's lock.
func (d Disclosure) Releasable(a Actor, consentLive bool) error {
	switch {
	case !a.Has(RolePrivacyOfficer):
		return errs.PermissionDenied("OFFICER_ONLY")
	case d.Status != StatusApproved:
		return errs.FailedPrecondition("RELEASE_APPROVED_ONLY", "status", d.Status)
	case d.Basis == BasisConsent && !consentLive:
		return errs.FailedPrecondition("CONSENT_WITHDRAWN", "purpose", d.Purpose)
	}
	return nil
}
