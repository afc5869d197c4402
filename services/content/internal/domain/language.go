package domain

import (
	"strings"

	"github.com/seoul-gov/homepage/platform/localized"
)

// Items follow the suite's one rule for texts the city publishes in Korean
// and translations (platform/localized, A2): the same reference language,
// the same offered languages and the same language tags. An item keeps its
// own translation unit — title, summary and body of a language are written
// and go stale together — so it serves them with Item.Serve.

// Reference is the language every item must have and every translation is
// measured against (A2: Korean is the reference).
const Reference = localized.Reference

// RequiredForeign are the foreign languages Article 2 names; translation
// coverage in the scorecard is measured over them (A4.3).
var RequiredForeign = localized.Offered

// NormalizeLanguage returns the canonical form of a BCP 47 language tag
// (primary lower-case, script title-case, region upper-case) and whether
// it is one.
func NormalizeLanguage(tag string) (string, bool) { return localized.NormalizeLanguage(tag) }

// baseLanguage is the primary subtag: zh-Hans counts as zh.
func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return base
}
