package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localized"
)

// Actions of the point table. Each maps to one event of another service,
// except manual_grant, which officials use by hand.
const (
	ActionPostCreated       = "post_created"
	ActionCommentCreated    = "comment_created"
	ActionFeedbackGiven     = "feedback_given"
	ActionComplaintAnswered = "complaint_answered"
	ActionEventEntry        = "event_entry"
	ActionEventPrize        = "event_prize"
	ActionManualGrant       = "manual_grant"
	// ActionRestoration gives back an award clawed back when its source
	// was removed, once an appeal restores the source (A8.1).
	ActionRestoration = "restoration"
)

// RuleActions are the actions the point table may contain.
var RuleActions = []string{ActionPostCreated, ActionCommentCreated, ActionFeedbackGiven,
	ActionComplaintAnswered, ActionEventEntry, ActionEventPrize}

// Rule is one version of one row of the point table (A8.1): points for an
// action, caps on how often per day, month and year a citizen earns it,
// and a contribution weight.
type Rule struct {
	ID            int64
	Action        string
	Version       int
	Points        int64
	DailyCap      int
	MonthlyCap    int
	YearlyCap     int
	WeightPercent int
	EffectiveFrom time.Time
	EffectiveTo   *time.Time
	// Description is the public text of the row (A2: Korean and its
	// translations).
	Description localized.Text
	Reason      string
	CreatedBy   string
}

// Award computes the points this rule gives; eventPoints is used when the
// rule defers to the source (event prizes with points 0).
func (r Rule) Award(eventPoints int64) int64 {
	base := r.Points
	if base == 0 {
		base = eventPoints
	}
	return base * int64(r.WeightPercent) / 100
}

// CapCounts is how many awards of an action a citizen already has in the
// day, month and year of the new one.
type CapCounts struct{ Day, Month, Year int }

// Capped reports whether one more award would exceed a cap (0 = no cap).
func (r Rule) Capped(c CapCounts) bool {
	over := func(cap, n int) bool { return cap > 0 && n >= cap }
	return over(r.DailyCap, c.Day) || over(r.MonthlyCap, c.Month) || over(r.YearlyCap, c.Year)
}

// With counts one more award, made at made, toward the caps of an award
// made at at.
func (c CapCounts) With(made, at time.Time) CapCounts {
	day, month, year, yearEnd := Periods(at)
	in := func(from, to time.Time) bool { return !made.Before(from) && made.Before(to) }
	if in(year, yearEnd) {
		c.Year++
	}
	if in(month, month.AddDate(0, 1, 0)) {
		c.Month++
	}
	if in(day, day.AddDate(0, 0, 1)) {
		c.Day++
	}
	return c
}

// Periods returns the starts of the Seoul calendar day, month and year of t
// and the end of its year: the windows the caps count in.
func Periods(t time.Time) (day, month, year, yearEnd time.Time) {
	s := t.In(Seoul)
	day = time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, Seoul)
	month = time.Date(s.Year(), s.Month(), 1, 0, 0, 0, 0, Seoul)
	year = time.Date(s.Year(), 1, 1, 0, 0, 0, 0, Seoul)
	return day, month, year, year.AddDate(1, 0, 0)
}

// MaxDescription bounds each language of a rule's description, in bytes.
const MaxDescription = 500

// ValidateRule checks a new rule version, naming every bad field but its
// description (made with LocalText from the version before).
func ValidateRule(r Rule, now time.Time) error {
	var v errs.Violations
	v.Check(!slices.Contains(RuleActions, r.Action), "action", "NOT_ONE_OF", "allowed", strings.Join(RuleActions, ", "))
	v.Check(r.Points < 0 || r.Points > 1_000_000, "points", "OUT_OF_RANGE", "min", 0, "max", 1_000_000)
	v.Check(r.Points == 0 && r.Action != ActionEventPrize, "points", "RULE_POINTS_POSITIVE")
	v.Check(r.DailyCap < 0, "daily_cap", "NOT_NEGATIVE")
	v.Check(r.MonthlyCap < 0, "monthly_cap", "NOT_NEGATIVE")
	v.Check(r.YearlyCap < 0, "yearly_cap", "NOT_NEGATIVE")
	v.Check(r.WeightPercent < 1 || r.WeightPercent > 1000, "weight_percent", "OUT_OF_RANGE", "min", 1, "max", 1000)
	v.Check(r.EffectiveFrom.Before(now.Add(-time.Minute)), "effective_time", "NOT_IN_PAST")
	CheckText(&v, "reason", r.Reason, 1000, true)
	return v.Err()
}

// Validity is one version of the validity period of new lots (A8.2).
type Validity struct {
	Version       int
	Days          int
	NoticeDays    int
	EffectiveFrom time.Time
	Reason        string
	CreatedBy     string
}

// ValidateValidity checks a new validity version.
func ValidateValidity(v Validity, now time.Time) error {
	var vs errs.Violations
	vs.Check(v.Days < 1 || v.Days > 3650, "validity_days", "OUT_OF_RANGE", "min", 1, "max", 3650)
	vs.Check(v.NoticeDays < 0 || v.NoticeDays >= max(v.Days, 1), "expiry_notice_days", "OUT_OF_RANGE", "min", 0, "max", max(v.Days, 1)-1)
	vs.Check(v.EffectiveFrom.Before(now.Add(-time.Minute)), "effective_time", "NOT_IN_PAST")
	CheckText(&vs, "reason", v.Reason, 1000, true)
	return vs.Err()
}

// AwardID derives an award's id from the action (the rule's identity, not
// its version, so a replay after a new version still collides), the source
// event id and the subject. The awards table keeps it unique, so no replay,
// redelivery or relay restart can award twice, even past the inbox.
func AwardID(action, sourceEventID, subject string) string {
	h := sha256.Sum256([]byte(action + "\x00" + sourceEventID + "\x00" + subject))
	return "aw_" + hex.EncodeToString(h[:16])
}

var awardIDPattern = regexp.MustCompile(`^aw_[0-9a-f]{32}$`)

// ValidAwardID reports whether id is shaped like an AwardID.
func ValidAwardID(id string) bool { return awardIDPattern.MatchString(id) }

// AwardStatus is the decision taken on an earning.
type AwardStatus string

// Award decisions.
const (
	AwardCredited      AwardStatus = "credited"
	AwardCapped        AwardStatus = "capped"
	AwardSourceRemoved AwardStatus = "source_removed"
	AwardNoRule        AwardStatus = "no_rule"
	AwardClawedBack    AwardStatus = "clawed_back"
)

// Award is one decision on an earning: credited (with a lot), or not.
type Award struct {
	ID            string
	Subject       string
	Action        string
	RuleID        int64
	RuleVersion   int
	SourceEventID string
	SourceKind    string
	SourceRef     string
	Points        int64 // awarded, before the debt offset
	DebtOffset    int64
	Status        AwardStatus
	TransactionID string
	OccurredAt    time.Time
	CreatedAt     time.Time
	ClawedBackAt  *time.Time
	// ClawbackCause says why it was clawed back (Clawback…), set with
	// ClawedBackAt.
	ClawbackCause string
	// Restores is, for a restoration, the clawed-back award it gives back.
	Restores string
}

// Earning is what an event (or an official) asks to award.
type Earning struct {
	Action        string
	Subject       string
	SourceEventID string
	SourceKind    string // post, comment, feedback, complaint, entry, prize, grant
	SourceRef     string
	EventPoints   int64 // prizes carry their own points
	OccurredAt    time.Time
	Memo          string
}
