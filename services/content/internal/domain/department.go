package domain

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Department is a unit of the city that owns information (A4.2).
type Department struct {
	Code       string
	NameKo     string
	NameEn     string
	ParentCode string
	Phone      string
	Email      string
	// Revision counts every stored change; the etag is derived from it.
	Revision int64
}

var (
	departmentCodePattern = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)*$`)
	phonePattern          = regexp.MustCompile(`^\+?[0-9][0-9 -]{5,19}$`)
)

// ValidateDepartmentCode checks a department code under field.
func ValidateDepartmentCode(v *errs.Violations, field, code string) {
	switch {
	case code == "":
		v.Add(field, "REQUIRED")
	case len(code) > 32 || !departmentCodePattern.MatchString(code):
		v.Add(field, "DEPARTMENT_CODE")
	}
}

// Validate reports every bad field of a department.
func (d Department) Validate() error {
	var v errs.Violations
	ValidateDepartmentCode(&v, "code", d.Code)
	v.Check(strings.TrimSpace(d.NameKo) == "", "name_ko", "REQUIRED")
	v.Check(utf8.RuneCountInString(d.NameKo) > 100, "name_ko", "TOO_LONG", "max", 100)
	v.Check(utf8.RuneCountInString(d.NameEn) > 100, "name_en", "TOO_LONG", "max", 100)
	if d.ParentCode != "" {
		ValidateDepartmentCode(&v, "parent_code", d.ParentCode)
		v.Check(d.ParentCode == d.Code, "parent_code", "OWN_PARENT")
	}
	v.Check(d.Phone != "" && !phonePattern.MatchString(d.Phone), "phone", "PHONE", "example", "02-2133-1234")
	if d.Email != "" {
		a, err := mail.ParseAddress(d.Email)
		v.Check(err != nil || a.Address != d.Email || len(d.Email) > 254, "email", "EMAIL")
	}
	return v.Err()
}

// HasContact reports whether citizens can reach the department (A4.2).
func (d Department) HasContact() bool { return d.Phone != "" || d.Email != "" }
