package domain

import (
	"maps"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localized"
)

// Policy is one version of the privacy policy (A10.3), in force from
// EffectiveFrom until a later version takes over. Its title and body are
// in Korean, the reference, and in translations (A2: English, Chinese,
// Japanese), served by the suite's one rule for public texts
// (platform/localized: the reader's language when current, else the
// Korean text marked untranslated or stale).
type Policy struct {
	Version       string
	Title         localized.Text
	Body          localized.Text
	EffectiveFrom time.Time
	PublishedBy   string
	PublishedAt   time.Time
}

// NewPolicy makes a version from its texts by language, naming every bad
// text (title.texts.ko, body.texts.xx) in the error.
func NewPolicy(version string, titles, bodies map[string]string, effectiveFrom time.Time) (Policy, error) {
	var v errs.Violations
	v.Check(!ValidPolicyVersion(version), "version", "POLICY_VERSION_LABEL", "example", "2026.1")
	p := Policy{Version: version, EffectiveFrom: effectiveFrom,
		Title: localized.New("title", trimmed(titles), 200, &v), Body: localized.New("body", trimmed(bodies), 100000, &v)}
	v.Check(effectiveFrom.IsZero(), "effective_time", "REQUIRED")
	return p, v.Err()
}

// trimmed drops surrounding blanks, so a blank text is no text.
func trimmed(texts map[string]string) map[string]string {
	out := make(map[string]string, len(texts))
	for lang, t := range texts {
		out[lang] = strings.TrimSpace(t)
	}
	return out
}

var versionRe = regexp.MustCompile(`^[0-9][0-9A-Za-z.\-]{0,31}$`)

// ValidPolicyVersion reports whether v is a version label like "2026.1".
func ValidPolicyVersion(v string) bool { return versionRe.MatchString(v) }

func checkText(v *errs.Violations, field, s string, maxRunes int) {
	s = strings.TrimSpace(s)
	v.Check(s == "", field, "REQUIRED")
	v.Check(utf8.RuneCountInString(s) > maxRunes, field, "TOO_LONG", "max", maxRunes)
}

// SameContent reports whether a re-publication changes nothing, so a
// retried publish is a no-op instead of a conflict.
func (p Policy) SameContent(o Policy) bool {
	return maps.Equal(p.Title.Texts, o.Title.Texts) && maps.Equal(p.Body.Texts, o.Body.Texts) &&
		p.EffectiveFrom.Equal(o.EffectiveFrom)
}
