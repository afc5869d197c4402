package domain

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/platform/textrule"
)

// CheckText checks a free text (reason, description, name): valid UTF-8,
// at most maxBytes, no control characters but line breaks and tabs
// (PostgreSQL refuses NUL, which must be bad input, not a 500), and, when
// required, something visible — a text of Hangul fillers (ㅤ) or
// zero-width characters counts as empty.
func CheckText(v *errs.Violations, field, s string, maxBytes int, required bool) {
	switch {
	case required && textrule.Blank(s):
		v.Add(field, "REQUIRED")
	case len(s) > maxBytes:
		v.Add(field, "TOO_MANY_BYTES", "max", maxBytes)
	case !utf8.ValidString(s):
		v.Add(field, "NOT_UTF8")
	case textrule.HasControl(s):
		v.Add(field, "UNPRINTABLE")
	}
}

// ValidSubject reports whether s can be a subject id from an identity
// token: 1 to 200 bytes of printable UTF-8 without spaces.
func ValidSubject(s string) bool {
	return s != "" && len(s) <= 200 && utf8.ValidString(s) &&
		!strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) })
}

// LocalText makes a public text (A2) from a request's texts by language
// over prev, the stored text (nil when there is none): the first text
// needs its Korean; later, the languages given replace the stored ones —
// a new Korean text leaves the translations not given with it stale, an
// empty translation removes its language. Every bad language is named on
// field (description.texts.ja) in v.
func LocalText(field string, prev *localized.Text, texts map[string]string, maxBytes int, v *errs.Violations) localized.Text {
	for _, tag := range slices.Sorted(maps.Keys(texts)) {
		CheckText(v, field+".texts."+tag, texts[tag], maxBytes, false)
	}
	if prev == nil {
		t := localized.New(field, texts, maxBytes, v)
		ko := t.Texts[localized.Reference]
		v.Check(strings.TrimSpace(ko) != "" && textrule.Blank(ko), field+".texts.ko", "KOREAN_REQUIRED")
		return t
	}
	t := localized.Text{Texts: maps.Clone(prev.Texts), Revision: prev.Revision, BasedOn: maps.Clone(prev.BasedOn)}
	if t.Texts == nil {
		t.Texts = map[string]string{}
	}
	if ko, ok := texts[localized.Reference]; ok && strings.TrimSpace(ko) != "" && textrule.Blank(ko) {
		v.Add(field+".texts.ko", "KOREAN_NOT_REMOVABLE")
		return t
	}
	t.Apply(field, texts, maxBytes, v)
	return t
}
