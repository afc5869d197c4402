package domain

import (
	"regexp"
	"strings"
)

// Reference is the language every item must have and every translation is
// measured against (A2: Korean is the reference).
const Reference = "ko"

// RequiredForeign are the foreign languages Article 2 names; translation
// coverage in the scorecard is measured over them (A4.3).
var RequiredForeign = []string{"en", "zh", "ja"}

// languagePattern accepts BCP 47 tags as used on the web: a primary
// language and optional script/region subtags (en, zh-Hans, pt-BR).
var languagePattern = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$`)

// NormalizeLanguage returns the canonical form of a language tag (primary
// lower-case, script title-case, region upper-case) and whether it is valid.
func NormalizeLanguage(tag string) (string, bool) {
	if !languagePattern.MatchString(tag) {
		return "", false
	}
	parts := strings.Split(tag, "-")
	parts[0] = strings.ToLower(parts[0])
	for i := 1; i < len(parts); i++ {
		switch p := parts[i]; {
		case len(p) == 4:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		case len(p) == 2:
			parts[i] = strings.ToUpper(p)
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, "-"), true
}

// baseLanguage is the primary subtag: zh-Hans counts as zh.
func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return base
}
