package domain

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Contact is personal data as the citizen typed it. It only passes through
// this service on its way to the privacy service.
type Contact struct {
	Name  string
	Phone string
	Email string
}

// Empty reports whether nothing was given.
func (c Contact) Empty() bool { return c.Name == "" && c.Phone == "" && c.Email == "" }

// MaskedContact is what this service keeps: privacy tokens and masked views.
type MaskedContact struct {
	Name, NameToken   string
	Phone, PhoneToken string
	Email, EmailToken string
}

// Identified reports whether the person can be a complainant: a name and
// a way to reach them (시행령 제2조: a person whose name or address is
// unclear is not a complainant).
func (m MaskedContact) Identified() bool {
	return m.NameToken != "" && (m.PhoneToken != "" || m.EmailToken != "")
}

// Tokens lists the privacy tokens held.
func (m MaskedContact) Tokens() []string {
	var out []string
	for _, t := range []string{m.NameToken, m.PhoneToken, m.EmailToken} {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

var (
	phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 -]{7,18}[0-9]$`)
	emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// Normalize trims the fields.
func (c Contact) Normalize() Contact {
	return Contact{strings.TrimSpace(c.Name), strings.TrimSpace(c.Phone), strings.TrimSpace(c.Email)}
}

// Check validates the fields given, under prefix (e.g. "contact.");
// requireIdentity demands a name and a phone or e-mail.
func (c Contact) Check(v *errs.Violations, prefix string, requireIdentity bool) {
	n := utf8.RuneCountInString(c.Name)
	v.Check(requireIdentity && n == 0, prefix+"name", "COMPLAINANT_NAME_REQUIRED")
	v.Check(n > 50, prefix+"name", "TOO_LONG", "max", 50)
	CheckPlain(v, prefix+"name", c.Name)
	CheckPlain(v, prefix+"email", c.Email)
	v.Check(c.Phone != "" && !phonePattern.MatchString(c.Phone), prefix+"phone", "PHONE", "example", "010-1234-5678")
	v.Check(c.Email != "" && (len(c.Email) > 254 || !emailPattern.MatchString(c.Email)), prefix+"email", "EMAIL")
	v.Check(requireIdentity && c.Phone == "" && c.Email == "", prefix+"phone", "COMPLAINANT_CONTACT_REQUIRED")
}
