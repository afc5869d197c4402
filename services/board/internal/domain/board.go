package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/textrule"
)

// PostingPolicy says who may post and comment on a board.
type PostingPolicy string

const (
	PostingSignedIn   PostingPolicy = "signed_in"
	PostingCitizens   PostingPolicy = "citizens"
	PostingDepartment PostingPolicy = "department"
)

// PostingPolicies are the valid policies.
var PostingPolicies = []PostingPolicy{PostingSignedIn, PostingCitizens, PostingDepartment}

// ModerationMode says whether items appear at once (post-moderation) or
// after a moderator keeps them (pre-moderation).
type ModerationMode string

const (
	ModerationPost ModerationMode = "post"
	ModerationPre  ModerationMode = "pre"
)

// Board is a participation board (A3.1.4).
type Board struct {
	ID               string
	RequestID        string
	Name             string
	Purpose          string
	DepartmentCode   string
	RealNameRequired bool // A5.7
	Posting          PostingPolicy
	Moderation       ModerationMode
	CreatedAt        time.Time
	// CreatedBy is the admin or official who created it; request ids are
	// unique per creator. Never published.
	CreatedBy string
}

// Limits of user input, in characters.
const (
	MaxBoardName    = 100
	MaxBoardPurpose = 2000
	MaxTitle        = 200
	MaxBody         = 20000
	MaxComment      = 2000
	MaxReportText   = 2000
	MaxExplanation  = 2000
	MaxRequestID    = 100
)

// ValidateBoard checks a new board, reporting every bad field.
func ValidateBoard(b Board) error {
	var v errs.Violations
	checkText(&v, "name", b.Name, MaxBoardName)
	checkText(&v, "purpose", b.Purpose, MaxBoardPurpose)
	checkText(&v, "department_code", b.DepartmentCode, 50)
	CheckRequestID(&v, b.RequestID)
	v.Check(b.Posting != "" && !slices.Contains(PostingPolicies, b.Posting), "posting_policy", "not a posting policy")
	v.Check(b.Moderation != "" && b.Moderation != ModerationPost && b.Moderation != ModerationPre,
		"moderation_mode", "post or pre moderation")
	return v.Err()
}

// checkText requires a visible text of at most max characters, without
// control characters (PostgreSQL refuses NUL; the others only hide text).
func checkText(v *errs.Violations, field, s string, max int) {
	switch {
	case textrule.Blank(s):
		v.Add(field, "required")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, "at most "+strconv.Itoa(max)+" characters")
	case !utf8.ValidString(s):
		v.Add(field, "not valid UTF-8")
	case textrule.HasControl(s):
		v.Add(field, "must not contain control characters")
	}
}

// CheckRequestID allows an empty or printable client request id.
func CheckRequestID(v *errs.Violations, id string) {
	switch {
	case len(id) > MaxRequestID:
		v.Add("request_id", "at most 100 characters")
	case !utf8.ValidString(id) || strings.ContainsFunc(id, unicode.IsControl):
		v.Add("request_id", "must be printable")
	}
}

// MayPost decides whether c may post or comment on b.
func (b Board) MayPost(c identity.Claims) error {
	if c.Anonymous() {
		return errs.Unauthenticated("sign in to post")
	}
	switch b.Posting {
	case PostingCitizens:
		if !c.Has(identity.RoleCitizen) {
			return errs.PermissionDenied("only citizens may post on this board")
		}
	case PostingDepartment:
		if !c.Has(identity.RoleAdmin) && !c.OfficialOf(b.DepartmentCode) {
			return errs.PermissionDenied("only officials of %s may post on this board", b.DepartmentCode)
		}
	}
	if b.RealNameRequired && !c.RealNameVerified {
		return errs.FailedPrecondition("this board requires real names (ordinance art. 5 item 7, A5.7): " +
			"verify your real name before posting")
	}
	return nil
}

// MayCreateBoard allows admins and officials of the operating department.
func MayCreateBoard(c identity.Claims, department string) error {
	if c.Anonymous() {
		return errs.Unauthenticated("sign-in required")
	}
	if c.Has(identity.RoleAdmin) || c.OfficialOf(department) {
		return nil
	}
	return errs.PermissionDenied("only admins or officials of %s may open a board for it", department)
}

// IsModerator reports whether c may moderate.
func IsModerator(c identity.Claims) bool {
	return slices.ContainsFunc(c.Roles, func(r identity.Role) bool { return r == identity.RoleModerator })
}

// Pseudonym is an author's name on a board without real names: "시민-"
// and 48 bits of HMAC-SHA256 under the service's secret over the board and
// the subject. Keyed, so nobody can recompute it from guessed subject ids;
// per board, so one author is not linked across boards; long enough that
// authors of one board do not collide (a pair among a hundred thousand
// authors is about one chance in fifty thousand).
func Pseudonym(key []byte, boardID, subject string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(boardID))
	mac.Write([]byte{0})
	mac.Write([]byte(subject))
	return PseudonymPrefix + hex.EncodeToString(mac.Sum(nil)[:6])
}

// PseudonymPrefix starts every pseudonym.
const PseudonymPrefix = "시민-"
