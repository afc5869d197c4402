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
	v.Check(!ok, "ground", "GROUND")
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
	ID                string
	ItemID            string
	ItemKind          Kind
	BoardID           string
	PostID            string
	Outcome           Outcome
	Ground            Ground
	PublicExplanation string
	// ExplanationTranslations are the public explanation in other
	// languages by tag, as the moderator gave them (A2).
	ExplanationTranslations map[string]string
	Facts                   string
	AutomatedDetection      bool
	AutomatedDecision       bool
	Source                  Source
	DepartmentCode          string
	ModeratorSubject        string
	HiddenUntil             *time.Time
	SignalAt                *time.Time // first report or flag, for time to decision
	AppealID                string     // set on restorations
	DecidedAt               time.Time
}

// DecisionInput is a moderator's decision before it is checked.
type DecisionInput struct {
	Outcome           Outcome
	Ground            string
	PublicExplanation string
	// ExplanationTranslations are the explanation in other languages (A2).
	ExplanationTranslations map[string]string
	Facts                   string
	HideDays                int
	Source                  Source
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
		v.Check(!ok, "ground", "GROUND_FOR_REMOVAL")
		checkText(&v, "public_explanation", in.PublicExplanation, MaxExplanation)
	case OutcomeHide:
		v.Check(in.HideDays < 1 || in.HideDays > MaxHideDays, "hide_days", "OUT_OF_RANGE", "min", 1, "max", MaxHideDays)
		checkText(&v, "public_explanation", in.PublicExplanation, MaxExplanation)
		if in.Ground != "" {
			var ok bool
			g, ok = ParseGround(in.Ground)
			v.Check(!ok, "ground", "GROUND")
		}
	default:
		v.Add("outcome", "NOT_ONE_OF", "allowed", "OUTCOME_KEEP, OUTCOME_HIDE, OUTCOME_REMOVE")
	}
	checkTranslations(&v, "public_explanation_translations", "public_explanation", in.ExplanationTranslations, MaxExplanation)
	if in.Facts != "" {
		checkText(&v, "facts", in.Facts, MaxBody)
	}
	v.Check(in.Source == invalidSource || in.Source == SourceAppeal, "source", "NOT_ONE_OF", "allowed", "SOURCE_REPORT, SOURCE_FLAG, SOURCE_OWN_INITIATIVE")
	return g, v.Err()
}

// MayDecide enforces who decides on an item: moderators only, never on
// their own item, and only on items still open to a decision.
func MayDecide(c identity.Claims, it Item, out Outcome, now time.Time) error {
	if c.Anonymous() {
		return errs.Unauthenticated("SIGN_IN_REQUIRED")
	}
	if !c.Moderates(it.BoardID) { // a contractor moderator: their boards only (A3.2)
		return errs.PermissionDenied("MODERATORS_ONLY")
	}
	if it.IsAuthor(c) {
		return errs.PermissionDenied("OWN_ITEM_MODERATION", "kind", it.Kind)
	}
	switch st := it.EffectiveStatus(now); {
	case st == StatusRemoved:
		return errs.FailedPrecondition("ALREADY_REMOVED")
	case st == StatusWithdrawn:
		return errs.FailedPrecondition("WITHDRAWN_BY_AUTHOR")
	case out == OutcomeHide && st != StatusVisible:
		return errs.FailedPrecondition("HIDE_VISIBLE_ONLY", "kind", it.Kind)
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

// MayAppeal lets the author appeal a removal in force, or a hide in force
// (a hide keeps a post from the public for up to 30 days: long enough to
// matter, so its author may contest it too), once, within window.
func MayAppeal(c identity.Claims, it Item, d Decision, window time.Duration, now time.Time) error {
	if !it.IsAuthor(c) {
		return errs.PermissionDenied("AUTHOR_APPEALS_ONLY")
	}
	switch d.Outcome {
	case OutcomeRemove:
		if it.Removal == nil || it.Removal.ID != d.ID {
			return errs.FailedPrecondition("REMOVAL_NOT_IN_FORCE")
		}
	case OutcomeHide:
		if !it.HiddenBy(d, now) {
			return errs.FailedPrecondition("HIDE_NOT_IN_FORCE")
		}
	default:
		return errs.FailedPrecondition("REMOVAL_NOT_IN_FORCE")
	}
	if now.After(d.DecidedAt.Add(window)) {
		return errs.FailedPrecondition("APPEAL_PERIOD_ENDED", "date", d.DecidedAt.Add(window).Format(time.DateOnly))
	}
	return nil
}

// MayResolveAppeal requires a moderator other than the one who removed
// (and not the author).
func MayResolveAppeal(c identity.Claims, a Appeal, removal Decision) error {
	if !c.Moderates(removal.BoardID) { // a contractor moderator: their boards only (A3.2)
		return errs.PermissionDenied("MODERATORS_ONLY")
	}
	if c.Subject == removal.ModeratorSubject {
		return errs.PermissionDenied("APPEAL_BY_OTHER_MODERATOR")
	}
	if c.Subject == a.AppellantSubject {
		return errs.PermissionDenied("OWN_APPEAL")
	}
	if a.Status != AppealPending {
		return errs.FailedPrecondition("APPEAL_DECIDED")
	}
	return nil
}

// ValidateAppealText checks an appeal's reason or resolution.
func ValidateAppealText(field, s string) error {
	var v errs.Violations
	checkText(&v, field, strings.TrimSpace(s), MaxReportText)
	return v.Err()
}
