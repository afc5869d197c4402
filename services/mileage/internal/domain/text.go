package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
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
