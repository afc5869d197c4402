package domain

import (
	"fmt"
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/textrule"
)

// Clause is one numbered clause of the terms.
type Clause struct {
	Number, TextKo, TextEn string
}

// Terms is one posted version of the terms of the service (A9.3): Korean
// first, English beside it, clause by clause so a suspension can name the
// clause it rests on.
type Terms struct {
	Version          string
	TitleKo, TitleEn string
	Clauses          []Clause
	EffectiveFrom    time.Time
	PublishedAt      time.Time
}

// HasClause reports whether number is one of the clauses.
func (t Terms) HasClause(number string) bool {
	for _, c := range t.Clauses {
		if c.Number == number {
			return true
		}
	}
	return false
}

// SameText reports whether u has the same text as t (a republication).
func (t Terms) SameText(u Terms) bool {
	if t.Version != u.Version || t.TitleKo != u.TitleKo || t.TitleEn != u.TitleEn || len(t.Clauses) != len(u.Clauses) {
		return false
	}
	for i := range t.Clauses {
		if t.Clauses[i] != u.Clauses[i] {
			return false
		}
	}
	return true
}

var (
	versionRE = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$`)
	clauseRE  = regexp.MustCompile(`^[0-9]{1,2}(\.[0-9]{1,2})?$`)
)

// NewTerms validates a version of the terms, naming every bad field.
// effective defaults to now and may not lie in the past.
func NewTerms(t Terms, now time.Time) (Terms, error) {
	var v errs.Violations
	v.Check(!versionRE.MatchString(t.Version), "version", "TERMS_VERSION_LABEL")
	checkText(&v, "title_ko", t.TitleKo, 200)
	checkText(&v, "title_en", t.TitleEn, 200)
	if len(t.Clauses) == 0 || len(t.Clauses) > 100 {
		v.Add("clauses", "COUNT_BETWEEN", "min", 1, "max", 100)
	}
	seen := map[string]bool{}
	for i, c := range t.Clauses {
		f := fmt.Sprintf("clauses[%d]", i)
		v.Check(!clauseRE.MatchString(c.Number), f+".number", "CLAUSE_NUMBER")
		v.Check(seen[c.Number], f+".number", "DUPLICATE")
		seen[c.Number] = true
		checkText(&v, f+".text_ko", c.TextKo, 5000)
		checkText(&v, f+".text_en", c.TextEn, 5000)
	}
	if t.EffectiveFrom.IsZero() {
		t.EffectiveFrom = now
	}
	v.Check(t.EffectiveFrom.Before(now.Add(-time.Minute)), "effective_from", "NOT_IN_PAST")
	t.PublishedAt = now
	return t, v.Err()
}

func checkText(v *errs.Violations, field, s string, max int) {
	switch {
	case textrule.Blank(s):
		v.Add(field, "REQUIRED")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, "TOO_LONG", "max", max)
	case textrule.HasControl(s):
		v.Add(field, "UNPRINTABLE")
	}
}
