package domain

import (
	"strings"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/textrule"
)

// checkText records a violation unless s (trimmed) has between min and max
// characters and no control characters.
func checkText(v *errs.Violations, field, s string, min, max int) {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	switch {
	case n < min && min == 1:
		v.Add(field, "REQUIRED")
	case n < min:
		v.Add(field, "TOO_SHORT", "min", min)
	case n > max:
		v.Add(field, "TOO_LONG", "max", max)
	default:
		CheckPlain(v, field, s)
	}
}

// CheckText is checkText for the use cases' own fields (min 0: optional).
func CheckText(v *errs.Violations, field, s string, min, max int) { checkText(v, field, s, min, max) }

// CheckPlain records a violation when s holds control characters other
// than tab and line breaks. PostgreSQL text cannot store NUL, so without
// this check such input would fail in the database as an internal error
// instead of being refused as bad input.
func CheckPlain(v *errs.Violations, field, s string) {
	v.Check(textrule.HasControl(s), field, "UNPRINTABLE")
}

// CheckRequestID validates a client request id (optional).
func CheckRequestID(v *errs.Violations, id string) {
	v.Check(len(id) > 100, "request_id", "TOO_LONG", "max", 100)
	CheckPlain(v, "request_id", id)
}
