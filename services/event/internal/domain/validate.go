package domain

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/textrule"
)

// Limits of a draft. They keep a single participation event's data small
// enough to announce and hash as one document.
const (
	MaxTitle       = 200
	MaxDescription = 10000
	MaxShortText   = 1000
	MaxQuestions   = 50
	MaxChoices     = 20
	MaxPrizeLines  = 20
	MaxPrizeCount  = 100000
	MaxUnitValue   = 10_000_000_000
	MaxAnswer      = 2000
)

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)
	departmentCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{0,63}$`)
)

// Validate reports every bad field of d, named as in the request (prefix,
// e.g. "draft"). It checks the draft on its own; the programme budget is
// checked by CheckProgramme under the budget year's lock.
func (d Draft) Validate(prefix string) error {
	var v errs.Violations
	f := func(name string) string { return prefix + "." + name }
	v.Check(!validPurpose(d.Purpose), f("purpose"), "PURPOSE")
	checkText(&v, f("title"), d.Title, true, MaxTitle)
	checkText(&v, f("description"), d.Description, true, MaxDescription)
	v.Check(!departmentCode.MatchString(d.DepartmentCode), f("department_code"), "DEPARTMENT_CODE")
	checkPeriod(&v, prefix, d)
	checkText(&v, f("eligibility.description"), d.Eligibility.Description, false, MaxShortText)
	checkQuestions(&v, f("entry_form.questions"), d.Questions)
	checkOperating(&v, f("operating_details"), d)
	v.Check(d.BudgetYear < 2000 || d.BudgetYear > 2100, f("budget_year"), "OUT_OF_RANGE", "min", 2000, "max", 2100)
	v.Check(d.Budget < 0 || d.Budget > MaxUnitValue*10, f("budget"), "OUT_OF_RANGE", "min", 0, "max", "100,000,000,000")
	checkPrizes(&v, f("prizes"), d)
	checkDrawSources(&v, f("draw_sources"), d)
	return v.Err()
}

func validPurpose(p Purpose) bool {
	switch p {
	case PurposePolicyPromotion, PurposeCulturalEvent, PurposeCommunitySupport, PurposeOther:
		return true
	}
	return false
}

// CheckPlain records a violation when s holds control characters other
// than tab and line breaks. PostgreSQL (text and jsonb) cannot store NUL,
// so without this such input would fail in the database as an internal
// error instead of being refused as bad input.
func CheckPlain(v *errs.Violations, field, s string) {
	v.Check(textrule.HasControl(s), field, "UNPRINTABLE")
}

// ValidDepartment reports whether code is a department code.
func ValidDepartment(code string) bool { return departmentCode.MatchString(code) }

func checkPeriod(v *errs.Violations, prefix string, d Draft) {
	v.Check(d.EntryStartsAt.IsZero(), prefix+".entry_start_time", "REQUIRED")
	v.Check(d.EntryEndsAt.IsZero(), prefix+".entry_end_time", "REQUIRED")
	if !d.EntryStartsAt.IsZero() && !d.EntryEndsAt.IsZero() {
		v.Check(!d.EntryEndsAt.After(d.EntryStartsAt), prefix+".entry_end_time", "NOT_AFTER", "other", "entry_start_time")
	}
}

func checkQuestions(v *errs.Violations, field string, qs []Question) {
	v.Check(len(qs) > MaxQuestions, field, "TOO_MANY", "max", MaxQuestions)
	seen := map[string]bool{}
	for i, q := range qs {
		f := fmt.Sprintf("%s[%d]", field, i)
		v.Check(!idPattern.MatchString(q.ID), f+".id", "SHORT_ID")
		v.Check(seen[q.ID], f+".id", "DUPLICATE")
		seen[q.ID] = true
		checkText(v, f+".text", q.Text, true, MaxShortText)
		switch q.Kind {
		case QuestionText:
			v.Check(len(q.Choices) > 0, f+".choices", "CHOICES_ONLY_FOR_CHOICE")
		case QuestionChoice:
			checkChoices(v, f+".choices", q.Choices)
		default:
			v.Add(f+".kind", "NOT_ONE_OF", "allowed", "QUESTION_KIND_TEXT, QUESTION_KIND_CHOICE")
		}
	}
}

func checkChoices(v *errs.Violations, field string, choices []string) {
	v.Check(len(choices) < 2 || len(choices) > MaxChoices, field, "CHOICE_COUNT", "min", 2, "max", MaxChoices)
	seen := map[string]bool{}
	for i, c := range choices {
		bad := strings.TrimSpace(c) == "" || utf8.RuneCountInString(c) > MaxTitle || seen[c]
		v.Check(bad, fmt.Sprintf("%s[%d]", field, i), "CHOICE")
		CheckPlain(v, fmt.Sprintf("%s[%d]", field, i), c)
		seen[c] = true
	}
}

func checkOperating(v *errs.Violations, field string, d Draft) {
	o := d.OperatingDetails
	v.Check(o.DrawAt.IsZero(), field+".draw_time", "REQUIRED")
	if !o.DrawAt.IsZero() && !d.EntryEndsAt.IsZero() {
		v.Check(o.DrawAt.Before(d.EntryEndsAt), field+".draw_time", "NOT_BEFORE_OTHER", "other", "entry_end_time")
	}
	if o.WinnersAnnouncedAt != nil && !o.DrawAt.IsZero() {
		v.Check(o.WinnersAnnouncedAt.Before(o.DrawAt), field+".winners_announce_time", "NOT_BEFORE_OTHER", "other", "draw_time")
	}
	checkText(v, field+".delivery_method", o.DeliveryMethod, true, MaxShortText)
	v.Check(strings.TrimSpace(o.Contact) == "" || utf8.RuneCountInString(o.Contact) > MaxTitle, field+".contact", "LENGTH", "min", 1, "max", MaxTitle)
	CheckPlain(v, field+".contact", o.Contact)
	checkText(v, field+".notes", o.Notes, false, MaxDescription)
}

func checkPrizes(v *errs.Violations, field string, d Draft) {
	v.Check(len(d.Prizes) > MaxPrizeLines, field, "TOO_MANY", "max", MaxPrizeLines)
	seen := map[string]bool{}
	valid := true
	for i, p := range d.Prizes {
		f := fmt.Sprintf("%s[%d]", field, i)
		ok := checkPrize(v, f, p)
		v.Check(seen[p.ID], f+".id", "DUPLICATE")
		seen[p.ID] = true
		valid = valid && ok
	}
	// Only a plan of valid lines has a meaningful total (and no overflow).
	if valid && d.Budget >= 0 && d.PrizeTotal() > d.Budget {
		v.Add(field, "PRIZES_OVER_BUDGET", "total", d.PrizeTotal(), "budget", d.Budget)
	}
}

func checkPrize(v *errs.Violations, f string, p Prize) bool {
	ok := true
	bad := func(cond bool, name, reason string, args ...any) {
		v.Check(cond, f+"."+name, reason, args...)
		ok = ok && !cond
	}
	bad(!idPattern.MatchString(p.ID), "id", "SHORT_ID")
	bad(p.Kind != PrizeGiftCertificate && p.Kind != PrizeMileage && p.Kind != PrizeGoods, "kind", "NOT_ONE_OF",
		"allowed", "PRIZE_KIND_GIFT_CERTIFICATE, PRIZE_KIND_MILEAGE, PRIZE_KIND_GOODS")
	checkText(v, f+".name", p.Name, true, MaxTitle)
	bad(p.UnitValue <= 0 || p.UnitValue > MaxUnitValue, "unit_value", "OUT_OF_RANGE", "min", 1, "max", "10,000,000,000")
	bad(p.Count <= 0 || p.Count > MaxPrizeCount, "count", "OUT_OF_RANGE", "min", 1, "max", MaxPrizeCount)
	return ok
}

// Normalize brings times to UTC microseconds (what the database keeps), so
// the announced document and the stored draft never differ.
func (d *Draft) Normalize() {
	norm := func(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
	d.EntryStartsAt, d.EntryEndsAt = norm(d.EntryStartsAt), norm(d.EntryEndsAt)
	d.OperatingDetails.DrawAt = norm(d.OperatingDetails.DrawAt)
	for i := range d.DrawSources {
		d.DrawSources[i].AvailableAfter = norm(d.DrawSources[i].AvailableAfter)
	}
	for _, t := range d.texts() {
		t.normalize()
	}
	if w := d.OperatingDetails.WinnersAnnouncedAt; w != nil {
		t := norm(*w)
		d.OperatingDetails.WinnersAnnouncedAt = &t
	}
}
