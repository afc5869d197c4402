package domain

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/platform/textrule"
)

// Clause is one numbered clause of the terms, in Korean and its
// translations (A2).
type Clause struct {
	Number string         `json:"number"`
	Text   localized.Text `json:"text"`
}

// Terms is one posted version of the terms of the service (A9.3): Korean
// the reference with its translations (A2: English, Chinese, Japanese),
// clause by clause so a suspension can name the clause it rests on.
type Terms struct {
	Version       string
	Title         localized.Text
	Clauses       []Clause
	EffectiveFrom time.Time
	PublishedAt   time.Time
}

// TermsDraft is a version as an admin writes it: each text by language.
type TermsDraft struct {
	Version       string
	Title         map[string]string
	Clauses       []ClauseDraft
	EffectiveFrom time.Time
}

// ClauseDraft is one clause of a draft.
type ClauseDraft struct {
	Number string
	Texts  map[string]string
}

// HasClause reports whether number is one of the clauses.
func (t Terms) HasClause(number string) bool {
	return t.clause(number) != nil
}

func (t Terms) clause(number string) *Clause {
	for i := range t.Clauses {
		if t.Clauses[i].Number == number {
			return &t.Clauses[i]
		}
	}
	return nil
}

// SameText reports whether u has the same texts as t, every language.
func (t Terms) SameText(u Terms) bool {
	if !t.SameKorean(u) || !maps.Equal(t.Title.Texts, u.Title.Texts) {
		return false
	}
	for i := range t.Clauses {
		if !maps.Equal(t.Clauses[i].Text.Texts, u.Clauses[i].Text.Texts) {
			return false
		}
	}
	return true
}

// SameKorean reports whether u is t with the same Korean texts and
// clauses: at most its translations differ.
func (t Terms) SameKorean(u Terms) bool {
	ko := localized.Reference
	if t.Version != u.Version || t.Title.Texts[ko] != u.Title.Texts[ko] || len(t.Clauses) != len(u.Clauses) {
		return false
	}
	for i := range t.Clauses {
		if t.Clauses[i].Number != u.Clauses[i].Number || t.Clauses[i].Text.Texts[ko] != u.Clauses[i].Text.Texts[ko] {
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
// Each text is made over the same text of prev — the latest version when
// d is a new one, the version itself when d translates it, nil for the
// first: the languages d gives replace prev's, the others are carried
// over (stale after a new Korean text). effective defaults to now and may
// not lie in the past.
func NewTerms(d TermsDraft, prev *Terms, now time.Time) (Terms, error) {
	var v errs.Violations
	v.Check(!versionRE.MatchString(d.Version), "version", "TERMS_VERSION_LABEL")
	t := Terms{Version: d.Version, EffectiveFrom: d.EffectiveFrom, PublishedAt: now}
	var prevTitle *localized.Text
	if prev != nil {
		prevTitle = &prev.Title
	}
	t.Title = localText(&v, "title", prevTitle, d.Title, 200)
	if len(d.Clauses) == 0 || len(d.Clauses) > 100 {
		v.Add("clauses", "COUNT_BETWEEN", "min", 1, "max", 100)
	}
	seen := map[string]bool{}
	for i, c := range d.Clauses {
		f := fmt.Sprintf("clauses[%d]", i)
		v.Check(!clauseRE.MatchString(c.Number), f+".number", "CLAUSE_NUMBER")
		v.Check(seen[c.Number], f+".number", "DUPLICATE")
		seen[c.Number] = true
		var prevText *localized.Text
		if prev != nil {
			if pc := prev.clause(c.Number); pc != nil {
				prevText = &pc.Text
			}
		}
		t.Clauses = append(t.Clauses, Clause{Number: c.Number, Text: localText(&v, f+".text_texts", prevText, c.Texts, 5000)})
	}
	if t.EffectiveFrom.IsZero() {
		t.EffectiveFrom = now
	}
	v.Check(t.EffectiveFrom.Before(now.Add(-time.Minute)), "effective_time", "NOT_IN_PAST")
	return t, v.Err()
}

// localText makes a public text (A2) from texts by language over prev
// (nil: a new text, its Korean required), naming each bad language as
// field.texts.tag: blank Korean (Hangul fillers count as blank), too
// long (maxRunes), control characters.
func localText(v *errs.Violations, field string, prev *localized.Text, texts map[string]string, maxRunes int) localized.Text {
	for _, tag := range slices.Sorted(maps.Keys(texts)) {
		v.Check(textrule.HasControl(texts[tag]), field+".texts."+tag, "UNPRINTABLE")
	}
	if ko, ok := texts[localized.Reference]; ok && textrule.Blank(ko) && strings.TrimSpace(ko) != "" {
		texts = maps.Clone(texts) // invisible characters only: no Korean text (New names it)
		delete(texts, localized.Reference)
		v.Check(prev != nil, field+".texts.ko", "KOREAN_NOT_REMOVABLE")
	}
	if prev == nil {
		return localized.New(field, texts, maxRunes, v)
	}
	t := localized.Text{Texts: maps.Clone(prev.Texts), Revision: prev.Revision, BasedOn: maps.Clone(prev.BasedOn)}
	if t.Texts == nil {
		t.Texts = map[string]string{}
	}
	t.Apply(field, texts, maxRunes, v)
	return t
}
