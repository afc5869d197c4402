package app

import (
	"regexp"
	"strings"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// checkID validates a UUID path parameter.
func checkID(field, id string) error {
	if _, err := uuid.Parse(id); err != nil {
		return errs.Invalid(field, "NOT_UUID")
	}
	return nil
}

var departmentPattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{1,31}$`)

// checkDepartment validates a department code such as SMG-DIGITAL.
func checkDepartment(v *errs.Violations, field, code string, required bool) {
	switch {
	case code == "" && required:
		v.Add(field, "REQUIRED")
	case code != "" && !departmentPattern.MatchString(code):
		v.Add(field, "DEPARTMENT_CODE")
	}
}

// requiredText checks a required free-text field: present (missing is the
// reason given when it is not, saying why it is needed), at most max
// characters, no control characters.
func requiredText(v *errs.Violations, field, s string, max int, missing string) {
	if strings.TrimSpace(s) == "" {
		v.Add(field, missing)
		return
	}
	domain.CheckText(v, field, s, 0, max)
}
