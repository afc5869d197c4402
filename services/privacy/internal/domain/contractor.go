package domain

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// ContractorServices are the services a contractor grant may cover: every
// service of the suite (platform/contractors.Services, which enforces
// them; a test keeps the two equal).
var ContractorServices = []string{"content", "board", "petition", "event", "mileage", "mail", "privacy"}

// Roles a contractor may be granted: an official of one department, or a
// moderator of one board.
var ContractorRoles = []string{RoleOfficial, RoleModerator}

var (
	departmentRe = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{0,63}$`)
	boardRe      = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

// ContractorGrant lets an outside contractor — a person signing in with
// the contractor role — act in one service as an official of a department
// or a moderator of a board, for a period of at most a year (A3.2). Admins
// grant and revoke; each change is kept in the grant's history and
// published, and every service enforces the live grants
// (platform/contractors).
type ContractorGrant struct {
	ID                string
	RequestID         string
	ContractorSubject string
	Company           string
	Service           string
	Role              string
	Department        string
	BoardID           string
	ValidFrom         time.Time
	ValidUntil        time.Time
	Reason            string
	GrantedBy         string
	CreatedAt         time.Time
	RevokedAt         *time.Time
	RevokedBy         string
	RevokeReason      string
	recorder
}

// ContractorGranted and ContractorRevoked are the grant's events; they
// carry the grant as the services enforce it (no reasons: those may name
// people).
type (
	ContractorGranted struct{ Grant ContractorGrant }
	ContractorRevoked struct{ Grant ContractorGrant }
)

func (ContractorGranted) isEvent() {}
func (ContractorRevoked) isEvent() {}

// NewContractorGrant validates g, made by admin at now, and records its
// event. Every bad field is named; the period must end after it starts, in
// the future, and at most a year after it starts.
func NewContractorGrant(g ContractorGrant, admin string, now time.Time) (ContractorGrant, error) {
	var v errs.Violations
	v.Check(!ValidSubjectID(g.ContractorSubject), "contractor_subject", "SUBJECT_ID")
	checkText(&v, "company", g.Company, 200)
	checkText(&v, "reason", g.Reason, 500)
	v.Check(len(g.RequestID) > 128, "request_id", "TOO_LONG", "max", 128)
	v.Check(!slices.Contains(ContractorServices, g.Service), "service", "NOT_ONE_OF", "allowed", strings.Join(ContractorServices, ", "))
	v.Check(!slices.Contains(ContractorRoles, g.Role), "role", "NOT_ONE_OF", "allowed", strings.Join(ContractorRoles, ", "))
	checkScope(&v, g)
	checkPeriod(&v, g.ValidFrom, g.ValidUntil, now)
	if err := v.Err(); err != nil {
		return ContractorGrant{}, err
	}
	g.Company, g.GrantedBy, g.CreatedAt = strings.TrimSpace(g.Company), admin, now
	g.record(ContractorGranted{Grant: g})
	return g, nil
}

// checkScope: an official's grant names a department, a moderator's a
// board, and never the other.
func checkScope(v *errs.Violations, g ContractorGrant) {
	switch g.Role {
	case RoleOfficial:
		v.Check(!departmentRe.MatchString(g.Department), "department_code", "DEPARTMENT_CODE")
		v.Check(g.BoardID != "", "board_id", "CONTRACTOR_SCOPE_OFFICIAL")
	case RoleModerator:
		v.Check(!boardRe.MatchString(g.BoardID), "board_id", "NOT_UUID")
		v.Check(g.Department != "", "department_code", "CONTRACTOR_SCOPE_MODERATOR")
	}
}

// checkPeriod: both ends given, the end after the start and after now,
// and at most a year after the start.
func checkPeriod(v *errs.Violations, from, until, now time.Time) {
	example := now.Add(24 * time.Hour).Format(time.RFC3339)
	v.Check(from.IsZero(), "start_time", "REQUIRED")
	v.Check(until.IsZero(), "end_time", "REQUIRED")
	if from.IsZero() || until.IsZero() {
		return
	}
	v.Check(!until.After(from), "end_time", "NOT_AFTER", "other", "start_time")
	v.Check(!until.After(now), "end_time", "NOT_AFTER", "other", example)
	v.Check(until.After(from.AddDate(1, 0, 0)), "end_time", "CONTRACTOR_GRANT_TOO_LONG", "max", from.AddDate(1, 0, 0).Format(time.RFC3339))
}

// Overlaps reports whether o would be in force together with g for the
// same contractor in the same service. Two moderator grants of different
// boards may: their boards add up. Any other pair would leave the
// services to guess which department the contractor acts for.
func (g ContractorGrant) Overlaps(o ContractorGrant) bool {
	if g.ContractorSubject != o.ContractorSubject || g.Service != o.Service || g.RevokedAt != nil || o.RevokedAt != nil {
		return false
	}
	if g.Role == RoleModerator && o.Role == RoleModerator && g.BoardID != o.BoardID {
		return false
	}
	return g.ValidFrom.Before(o.ValidUntil) && o.ValidFrom.Before(g.ValidUntil)
}

// Revoke ends the grant at now; revoking a revoked grant changes nothing.
func (g *ContractorGrant) Revoke(admin, reason string, now time.Time) error {
	var v errs.Violations
	checkText(&v, "reason", reason, 500)
	if err := v.Err(); err != nil {
		return err
	}
	if g.RevokedAt != nil {
		return nil
	}
	g.RevokedAt, g.RevokedBy, g.RevokeReason = &now, admin, reason
	g.record(ContractorRevoked{Grant: *g})
	return nil
}
