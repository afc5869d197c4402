package domain

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
)

// checkText records a violation unless s (trimmed) has between min and max
// characters.
func checkText(v *errs.Violations, field, s string, min, max int) {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	switch {
	case n < min && min == 1:
		v.Add(field, "required")
	case n < min:
		v.Add(field, fmt.Sprintf("at least %d characters", min))
	case n > max:
		v.Add(field, fmt.Sprintf("at most %d characters", max))
	}
}

// CheckRequestID validates a client request id (optional).
func CheckRequestID(v *errs.Violations, id string) {
	v.Check(len(id) > 100, "request_id", "at most 100 characters")
}
