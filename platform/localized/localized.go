// Package localized is how the suite keeps a text the city publishes in
// Korean and its translations (A2: Korean is the reference; English,
// Chinese and Japanese are offered): one rule for every service's public
// texts — board names, event texts, the privacy policy, point rules, mail
// terms — so each serves a reader's language the same way as content items:
// the translation when it is current, otherwise the Korean text with an
// explicit marker (untranslated or stale), never a silent fallback.
//
// A Text is stored as JSON (jsonb) and travels as seoul.type.v1.LocalizedText
// in requests and ServedText in answers.
package localized

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Reference is the language every text has and translations follow.
const Reference = "ko"

// Offered are the foreign languages Article 2 names.
var Offered = []string{"en", "zh", "ja"}

// State is what a reader got for the language they asked for.
type State string

// The states; anything but Current serves the Korean text.
const (
	Current      State = "current"
	Untranslated State = "untranslated"
	Stale        State = "stale"
)

// Text is one text in Korean and its translations.
type Text struct {
	// Texts maps a normalized language tag to the text.
	Texts map[string]string `json:"texts"`
	// Revision counts changes of the Korean text.
	Revision int `json:"revision"`
	// BasedOn is the Korean revision each translation was made from.
	BasedOn map[string]int `json:"based_on,omitempty"`
}

// Translation is the state of one non-Korean language.
type Translation struct {
	Language string
	Stale    bool
}

// Served is the text given to one reader.
type Served struct {
	Language     string
	Text         string
	State        State
	Translations []Translation
}

// New makes a text from texts (language → text), reporting bad languages
// and a missing or blank Korean text on field (e.g. "name", so
// "name.texts.en") into v. maxLen bounds each text in characters.
func New(field string, texts map[string]string, maxLen int, v *errs.Violations) Text {
	t := Text{Texts: map[string]string{}, BasedOn: map[string]int{}, Revision: 1}
	t.merge(field, texts, maxLen, v)
	if strings.TrimSpace(t.Texts[Reference]) == "" {
		v.Add(field+".texts.ko", "KOREAN_REQUIRED")
	}
	return t
}

// Apply changes some languages of t: a new Korean text makes translations
// not given with it stale; a translation given is current with the Korean
// text it is given with; an empty translation removes that language.
func (t *Text) Apply(field string, changes map[string]string, maxLen int, v *errs.Violations) {
	if ko, ok := changes[Reference]; ok {
		if strings.TrimSpace(ko) == "" {
			v.Add(field+".texts.ko", "KOREAN_NOT_REMOVABLE")
			return
		}
		if ko != t.Texts[Reference] {
			t.Revision++
		}
	}
	t.merge(field, changes, maxLen, v)
}

func (t *Text) merge(field string, texts map[string]string, maxLen int, v *errs.Violations) {
	if t.BasedOn == nil {
		t.BasedOn = map[string]int{}
	}
	for _, tag := range slices.Sorted(maps.Keys(texts)) {
		lang, ok := NormalizeLanguage(tag)
		name := field + ".texts." + tag
		switch {
		case !ok:
			v.Add(name, "LANGUAGE_TAG")
			continue
		case len([]rune(texts[tag])) > maxLen:
			v.Add(name, "TOO_LONG", "max", maxLen)
			continue
		}
		if lang != Reference && strings.TrimSpace(texts[tag]) == "" {
			delete(t.Texts, lang)
			delete(t.BasedOn, lang)
			continue
		}
		t.Texts[lang] = texts[tag]
		if lang != Reference {
			t.BasedOn[lang] = t.Revision
		}
	}
}

// Serve picks the text for a reader asking for lang (empty means Korean).
func (t Text) Serve(lang string) Served {
	s := Served{Language: Reference, Text: t.Texts[Reference], State: Current, Translations: t.translations()}
	if norm, ok := NormalizeLanguage(lang); ok {
		lang = norm
	}
	if lang == "" || lang == Reference {
		return s
	}
	found := t.match(lang)
	switch {
	case found == "":
		s.State = Untranslated
	case t.stale(found):
		s.State = Stale
	default:
		s.Language, s.Text = found, t.Texts[found]
	}
	return s
}

// match finds the text's language for a requested tag: the exact tag, or
// one of the same primary language (zh-CN finds zh-Hans).
func (t Text) match(lang string) string {
	if _, ok := t.Texts[lang]; ok {
		return lang
	}
	base := primary(lang)
	for _, l := range slices.Sorted(maps.Keys(t.Texts)) {
		if primary(l) == base {
			return l
		}
	}
	return ""
}

func (t Text) stale(lang string) bool { return lang != Reference && t.BasedOn[lang] < t.Revision }

func (t Text) translations() []Translation {
	var out []Translation
	for _, l := range slices.Sorted(maps.Keys(t.Texts)) {
		if l != Reference {
			out = append(out, Translation{Language: l, Stale: t.stale(l)})
		}
	}
	return out
}

// languagePattern accepts BCP 47 tags as used on the web: a primary
// language and optional script/region subtags (en, zh-Hans, pt-BR).
var languagePattern = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$`)

// NormalizeLanguage returns the canonical form of a language tag (primary
// lower-case, script title-case, region upper-case) and whether it is one.
func NormalizeLanguage(tag string) (string, bool) {
	if !languagePattern.MatchString(tag) {
		return "", false
	}
	parts := strings.Split(tag, "-")
	parts[0] = strings.ToLower(parts[0])
	for i := 1; i < len(parts); i++ {
		switch p := parts[i]; len(p) {
		case 4:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		case 2:
			parts[i] = strings.ToUpper(p)
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, "-"), true
}

func primary(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return base
}
