// Package domain holds the privacy service's rules: which personal fields
// exist and how each is validated, normalized and masked; who may store,
// view masked, or reveal which field for which purpose; the access log's
// hash chain; consent; the disclosure register's legal bases; the privacy
// policy. It depends only on the standard library, platform/errs and
// platform/personaldata (the suite's one name mask).
package domain

import (
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/personaldata"
)

// Field names of personal data the vault knows.
const (
	FieldName              = "name"
	FieldPhone             = "phone"
	FieldEmail             = "email"
	FieldAddress           = "address"
	FieldPostalCode        = "postal_code"
	FieldBirthDate         = "birth_date"
	FieldTransitCardNumber = "transit_card_number"
	FieldAccountNumber     = "account_number"
	FieldEmergencyPhone    = "emergency_phone"
)

// fieldSpec is how one field is normalized, masked and indexed.
type fieldSpec struct {
	normalize func(v string, now time.Time) (string, error)
	mask      func(string) string
	// indexed fields get a blind index so FindSubject can match them.
	indexed bool
}

var fieldSpecs = map[string]fieldSpec{
	FieldName:              {normalizeName, personaldata.MaskName, false}, // as free text masks a name
	FieldPhone:             {normalizePhone, MaskPhone, true},
	FieldEmail:             {normalizeEmail, MaskEmail, true},
	FieldAddress:           {normalizeAddress, MaskAddress, false},
	FieldPostalCode:        {normalizePostalCode, maskPostalCode, false},
	FieldBirthDate:         {normalizeBirthDate, maskBirthDate, false},
	FieldTransitCardNumber: {normalizeCardNumber, MaskCardNumber, true},
	FieldAccountNumber:     {normalizeAccountNumber, maskAccountNumber, true},
	FieldEmergencyPhone:    {normalizePhone, MaskPhone, true},
}

// KnownField reports whether name is a field the vault stores.
func KnownField(name string) bool { _, ok := fieldSpecs[name]; return ok }

// AllFields lists every known field.
func AllFields() []string {
	return []string{FieldName, FieldPhone, FieldEmail, FieldAddress, FieldPostalCode,
		FieldBirthDate, FieldTransitCardNumber, FieldAccountNumber, FieldEmergencyPhone}
}

// Indexed reports whether field has a blind index.
func Indexed(field string) bool { return fieldSpecs[field].indexed }

// Normalize validates value for field and returns its canonical form, the
// form that is encrypted and blind-indexed (so "010 1234 5678" and
// "01012345678" find each other).
// now dates the check of a birth date (none in the future).
func Normalize(field, value string, now time.Time) (string, error) {
	spec, ok := fieldSpecs[field]
	if !ok {
		return "", errs.E(errs.KindInvalid, "UNKNOWN_PERSONAL_FIELD", "known", strings.Join(AllFields(), ", "))
	}
	if !utf8.ValidString(value) {
		return "", errs.E(errs.KindInvalid, "NOT_UTF8")
	}
	return spec.normalize(strings.TrimSpace(value), now)
}

// Mask returns the masked view of a normalized value.
func Mask(field, normalized string) string {
	spec, ok := fieldSpecs[field]
	if !ok {
		return ""
	}
	return spec.mask(normalized)
}

func normalizeName(v string, _ time.Time) (string, error) {
	v = strings.Join(strings.Fields(v), " ")
	n := utf8.RuneCountInString(v)
	if n == 0 || n > 50 {
		return "", errs.E(errs.KindInvalid, "LENGTH", "min", 1, "max", 50)
	}
	for _, r := range v {
		if !unicode.IsLetter(r) && r != ' ' && r != '-' && r != '.' && r != '\'' {
			return "", errs.E(errs.KindInvalid, "NAME_CHARACTERS")
		}
	}
	return v, nil
}

var (
	mobileRe   = regexp.MustCompile(`^01[016789]\d{7,8}$`)
	seoulRe    = regexp.MustCompile(`^02\d{7,8}$`)
	areaRe     = regexp.MustCompile(`^0[3-9]\d{8,9}$`)
	digitsOnly = regexp.MustCompile(`^\d+$`)
)

// normalizePhone accepts Korean numbers with or without hyphens or spaces
// and formats them 010-1234-5678 / 02-123-4567.
func normalizePhone(v string, _ time.Time) (string, error) {
	d := stripSeparators(v)
	switch {
	case mobileRe.MatchString(d), areaRe.MatchString(d):
		return d[:3] + "-" + d[3:len(d)-4] + "-" + d[len(d)-4:], nil
	case seoulRe.MatchString(d):
		return d[:2] + "-" + d[2:len(d)-4] + "-" + d[len(d)-4:], nil
	}
	return "", errs.E(errs.KindInvalid, "PHONE_KR", "example", "010-1234-5678")
}

func stripSeparators(v string) string {
	return strings.NewReplacer("-", "", " ", "", ".", "").Replace(v)
}

func normalizeEmail(v string, _ time.Time) (string, error) {
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || len(v) > 254 || !strings.Contains(v[strings.LastIndex(v, "@"):], ".") {
		return "", errs.E(errs.KindInvalid, "EMAIL")
	}
	local, domain, _ := strings.Cut(v, "@")
	return local + "@" + strings.ToLower(domain), nil
}

func normalizeAddress(v string, _ time.Time) (string, error) {
	v = strings.Join(strings.Fields(v), " ")
	if n := utf8.RuneCountInString(v); n < 2 || n > 200 {
		return "", errs.E(errs.KindInvalid, "LENGTH", "min", 2, "max", 200)
	}
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return "", errs.E(errs.KindInvalid, "UNPRINTABLE")
	}
	return v, nil
}

func normalizePostalCode(v string, _ time.Time) (string, error) {
	if len(v) != 5 || !digitsOnly.MatchString(v) {
		return "", errs.E(errs.KindInvalid, "POSTAL_CODE")
	}
	return v, nil
}

func normalizeBirthDate(v string, now time.Time) (string, error) {
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return "", errs.E(errs.KindInvalid, "INVALID_DATE", "example", "1990-05-17")
	}
	if t.After(now) || t.Year() < 1900 {
		return "", errs.E(errs.KindInvalid, "BIRTH_DATE")
	}
	return t.Format(time.DateOnly), nil
}

func normalizeCardNumber(v string, _ time.Time) (string, error) {
	d := stripSeparators(v)
	if len(d) != 16 || !digitsOnly.MatchString(d) {
		return "", errs.E(errs.KindInvalid, "CARD_NUMBER")
	}
	return d[0:4] + "-" + d[4:8] + "-" + d[8:12] + "-" + d[12:16], nil
}

func normalizeAccountNumber(v string, _ time.Time) (string, error) {
	d := strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), "-", "")
	if len(d) < 8 || len(d) > 20 || !digitsOnly.MatchString(d) {
		return "", errs.E(errs.KindInvalid, "ACCOUNT_NUMBER")
	}
	return d, nil
}
