package domain

import (
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
)

// Flag is a screening finding kept for moderators: detector, score and
// evidence. Flags never delete anything by themselves.
type Flag struct {
	ItemID    string
	Detector  string
	Ground    Ground // suggested ground, may be empty
	Score     float64
	Evidence  string
	CreatedAt time.Time
}

// Report is a citizen's report of an item under a ground.
type Report struct {
	ID              string
	ItemID          string
	ReporterSubject string
	Ground          Ground
	Text            string
	CreatedAt       time.Time
}

// ValidateReport checks a report's ground and text.
func ValidateReport(ground, text string) (Ground, error) {
	var v errs.Violations
	g, ok := ParseGround(ground)
	v.Check(!ok, "ground", `one of "A5.1" … "A5.9"`)
	checkText(&v, "text", text, MaxReportText)
	return g, v.Err()
}

// Outcome is what a decision did.
type Outcome string

const (
	OutcomeKeep    Outcome = "keep"
	OutcomeHide    Outcome = "hide"
	OutcomeRemove  Outcome = "remove"
	OutcomeRestore Outcome = "restore" // reversal on appeal
)

// Source is what brought an item to a decision.
type Source string

const (
	SourceReport        Source = "report"
	SourceFlag          Source = "flag"
	SourceOwnInitiative Source = "own_initiative"
	SourceAppeal        Source = "appeal"
	// invalidSource stands for a source value the API does not know.
	invalidSource Source = "invalid"
)

// InvalidSource returns the source an unknown API value maps to, so
// validation names the field instead of silently inferring it.
func InvalidSource() Source { return invalidSource }

// MaxHideDays bounds a temporary hide pending review.
const MaxHideDays = 30

// Decision is a statement of reasons (A5.0): ground and legal basis,
// facts, automation, source, time and deciding department. The moderator
// is recorded for the four-eyes rule on appeals and is never published.
type Decision struct {
	ID                 string
	ItemID             string
	ItemKind           Kind
	BoardID            string
	PostID             string
	Outcome            Outcome
	Ground             Ground
	PublicExplanation  string
	Facts              string
	AutomatedDetection bool
	AutomatedDecision  bool
	Source             Source
	DepartmentCode     string
	ModeratorSubject   string
	HiddenUntil        *time.Time
	SignalAt           *time.Time // first report or flag, for time to decision
	AppealID           string     // set on restorations
	DecidedAt          time.Time
}

// DecisionInput is a moderator's decision before it is checked.
type DecisionInput struct {
	Outcome           Outcome
	Ground            string
	PublicExplanation string
	Facts             string
	HideDays          int
	Source            Source
}

// ValidateDecision checks a moderator's decision: a removal names one of
// the nine grounds and a public explanation; a hide lasts 1 to 30 days and
// says why.
func ValidateDecision(in DecisionInput) (Ground, error) {
	var v errs.Violations
	var g Ground
	switch in.Outcome {
	case OutcomeKeep:
	case OutcomeRemove:
		var ok bool
		g, ok = ParseGround(in.Ground)
		v.Check(!ok, "ground", `a removal must name one of the grounds "A5.1" … "A5.9"`)
		checkText(&v, "public_explanation", in.PublicExplanation, MaxExplanation)
	case OutcomeHide:
		v.Check(in.HideDays < 1 || in.HideDays > MaxHideDays, "hide_days", "1 to 30 days")
		checkText(&v, "public_explanation", in.PublicExplanation, MaxExplanation)
		if in.Ground != "" {
			var ok bool
			g, ok = ParseGround(in.Ground)
			v.Check(!ok, "ground", `one of "A5.1" … "A5.9"`)
		}
	default:
		v.Add("outcome", "keep, hide or remove")
	}
	if in.Facts != "" {
		checkText(&v, "facts", in.Facts, MaxBody)
	}
	v.Check(in.Source == invalidSource || in.Source == SourceAppeal, "source", "report, flag or own initiative")
	return g, v.Err()
}

// MayDecide enforces who decides on an item: moderators only, never on
// their own item, and only on items still open to a decision.
func MayDecide(c identity.Claims, it Item, out Outcome, now time.Time) error {
	if c.Anonymous() {
		return errs.Unauthenticated("sign-in required")
	}
	if !IsModerator(c) {
		return errs.PermissionDenied("only moderators decide on posts")
	}
	if it.IsAuthor(c) {
		return errs.PermissionDenied("nobody moderates their own %s", it.Kind)
	}
	switch st := it.EffectiveStatus(now); {
	case st == StatusRemoved:
		return errs.FailedPrecondition("already removed; a removal is changed only on appeal")
	case st == StatusWithdrawn:
		return errs.FailedPrecondition("withdrawn by its author")
	case out == OutcomeHide && st != StatusVisible:
		return errs.FailedPrecondition("only a visible %s can be hidden", it.Kind)
	}
	return nil
}

// AppealStatus is where an appeal stands.
type AppealStatus string

const (
	AppealPending  AppealStatus = "pending"
	AppealUpheld   AppealStatus = "upheld"
	AppealReversed AppealStatus = "reversed"
)

// Appeal is an author's appeal against a removal.
type Appeal struct {
	ID               string
	DecisionID       string
	ItemID           string
	ItemKind         Kind
	AppellantSubject string
	Reason           string
	Status           AppealStatus
	Resolution       string
	ResolverSubject  string
	FiledAt          time.Time
	ResolvedAt       *time.Time
}

// MayAppeal lets the author appeal a removal once, within window.
func MayAppeal(c identity.Claims, it Item, d Decision, window time.Duration, now time.Time) error {
	if !it.IsAuthor(c) {
		return errs.PermissionDenied("only the author may appeal this removal")
	}
	if d.Outcome != OutcomeRemove || it.Removal == nil || it.Removal.ID != d.ID {
		return errs.FailedPrecondition("only a removal in force can be appealed")
	}
	if now.After(d.DecidedAt.Add(window)) {
		return errs.FailedPrecondition("the appeal period ended on %s", d.DecidedAt.Add(window).Format(time.DateOnly))
	}
	return nil
}

// MayResolveAppeal requires a moderator other than the one who removed
// (and not the author).
func MayResolveAppeal(c identity.Claims, a Appeal, removal Decision) error {
	if !IsModerator(c) {
		return errs.PermissionDenied("only moderators decide appeals")
	}
	if c.Subject == removal.ModeratorSubject {
		return errs.PermissionDenied("an appeal is decided by a different moderator than the one who removed")
	}
	if c.Subject == a.AppellantSubject {
		return errs.PermissionDenied("nobody decides their own appeal")
	}
	if a.Status != AppealPending {
		return errs.FailedPrecondition("this appeal was already decided")
	}
	return nil
}

// ValidateAppealText checks an appeal's reason or resolution.
func ValidateAppealText(field, s string) error {
	var v errs.Violations
	checkText(&v, field, strings.TrimSpace(s), MaxReportText)
	return v.Err()
}
