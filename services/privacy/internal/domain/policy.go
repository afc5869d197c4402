package domain

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Policy is one version of the privacy policy (A10.3), in Korean and
// English, in force from EffectiveFrom until a later version takes over.
type Policy struct {
	Version       string
	TitleKo       string
	TitleEn       string
	BodyKo        string
	BodyEn        string
	EffectiveFrom time.Time
	PublishedBy   string
	PublishedAt   time.Time
}

var versionRe = regexp.MustCompile(`^[0-9][0-9A-Za-z.\-]{0,31}$`)

// ValidPolicyVersion reports whether v is a version label like "2026.1".
func ValidPolicyVersion(v string) bool { return versionRe.MatchString(v) }

// ValidatePolicy checks a version before it is published.
func ValidatePolicy(p Policy) error {
	var v errs.Violations
	v.Check(!ValidPolicyVersion(p.Version), "version", "POLICY_VERSION_LABEL", "example", "2026.1")
	checkText(&v, "title_ko", p.TitleKo, 200)
	checkText(&v, "title_en", p.TitleEn, 200)
	checkText(&v, "body_ko", p.BodyKo, 100000)
	checkText(&v, "body_en", p.BodyEn, 100000)
	v.Check(p.EffectiveFrom.IsZero(), "effective_from", "REQUIRED")
	return v.Err()
}

func checkText(v *errs.Violations, field, s string, maxRunes int) {
	s = strings.TrimSpace(s)
	v.Check(s == "", field, "REQUIRED")
	v.Check(utf8.RuneCountInString(s) > maxRunes, field, "TOO_LONG", "max", maxRunes)
}

// SameContent reports whether a re-publication changes nothing, so a
// retried publish is a no-op instead of a conflict.
func (p Policy) SameContent(o Policy) bool {
	return p.TitleKo == o.TitleKo && p.TitleEn == o.TitleEn && p.BodyKo == o.BodyKo &&
		p.BodyEn == o.BodyEn && p.EffectiveFrom.Equal(o.EffectiveFrom)
}
