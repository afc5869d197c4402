package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localized"
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
	ID        string
	RequestID string
	// Name and Purpose are public texts in Korean and translations (A2).
	Name             localized.Text
	Purpose          localized.Text
	DepartmentCode   string
	RealNameRequired bool // A5.7
	Posting          PostingPolicy
	Moderation       ModerationMode
	CreatedAt        time.Time
	UpdatedAt        time.Time
	// Revision counts the board's stored changes (its etag).
	Revision int64
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

// NewBoard is a board as its creator asks for it: name and purpose in
// Korean with their translations (A2) and the settings.
type NewBoard struct {
	Board
	Name, Purpose                         string
	NameTranslations, PurposeTranslations map[string]string
}

// ValidateBoard checks a new board, reporting every bad field, and returns
// it with its texts.
func ValidateBoard(in NewBoard) (Board, error) {
	var v errs.Violations
	b := in.Board
	b.Name, b.Purpose = NewBoardTexts(&v, in.Name, in.Purpose, in.NameTranslations, in.PurposeTranslations)
	checkText(&v, "department_code", b.DepartmentCode, 50)
	CheckRequestID(&v, b.RequestID)
	v.Check(b.Posting != "" && !slices.Contains(PostingPolicies, b.Posting), "posting_policy", "INVALID_ENUM")
	v.Check(b.Moderation != "" && b.Moderation != ModerationPost && b.Moderation != ModerationPre,
		"moderation_mode", "INVALID_ENUM")
	return b, v.Err()
}

// checkText requires a visible text of at most max characters, without
// control characters (PostgreSQL refuses NUL; the others only hide text).
func checkText(v *errs.Violations, field, s string, max int) {
	switch {
	case textrule.Blank(s):
		v.Add(field, "REQUIRED")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, "TOO_LONG", "max", max)
	case !utf8.ValidString(s):
		v.Add(field, "NOT_UTF8")
	case textrule.HasControl(s):
		v.Add(field, "UNPRINTABLE")
	}
}

// CheckRequestID allows an empty or printable client request id.
func CheckRequestID(v *errs.Violations, id string) {
	switch {
	case len(id) > MaxRequestID:
		v.Add("request_id", "TOO_LONG", "max", MaxRequestID)
	case !utf8.ValidString(id) || strings.ContainsFunc(id, unicode.IsControl):
		v.Add("request_id", "UNPRINTABLE")
	}
}

// MayPost decides whether c may post or comment on b.
func (b Board) MayPost(c identity.Claims) error {
	if c.Anonymous() {
		return errs.Unauthenticated("SIGN_IN_TO_POST")
	}
	switch b.Posting {
	case PostingCitizens:
		if !c.Has(identity.RoleCitizen) {
			return errs.PermissionDenied("CITIZENS_ONLY_BOARD")
		}
	case PostingDepartment:
		if !c.Has(identity.RoleAdmin) && !c.OfficialOf(b.DepartmentCode) {
			return errs.PermissionDenied("DEPARTMENT_ONLY_BOARD", "department", b.DepartmentCode)
		}
	}
	if b.RealNameRequired && !c.RealNameVerified {
		return errs.FailedPrecondition("REAL_NAME_REQUIRED")
	}
	return nil
}

// MayCreateBoard allows admins and officials of the operating department.
func MayCreateBoard(c identity.Claims, department string) error {
	if c.Anonymous() {
		return errs.Unauthenticated("SIGN_IN_REQUIRED")
	}
	if c.Has(identity.RoleAdmin) || c.OfficialOf(department) {
		return nil
	}
	return errs.PermissionDenied("DEPARTMENT_REQUIRED", "department", department)
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
