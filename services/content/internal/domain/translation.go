package domain

import "github.com/seoul-gov/homepage/platform/localized"

// TextState says what a reader got for the language they asked (A2), as
// every service's public texts say it.
type TextState = localized.State

// The text states. Anything but current serves the Korean reference with
// the state as an explicit marker: never a silent fallback.
const (
	TextCurrent      = localized.Current
	TextUntranslated = localized.Untranslated
	TextStale        = localized.Stale
)

// TranslationInfo is the state of one non-Korean language.
type TranslationInfo struct {
	Language string
	Stale    bool
}

// Served is the text given to a reader.
type Served struct {
	Language string // language of Text
	Text     Text
	State    TextState
}

// Serve picks the text for a reader asking for lang (empty means Korean):
// that language when its translation is current, otherwise the Korean
// reference marked untranslated or stale.
func (it *Item) Serve(lang string) Served {
	ko := Served{Language: Reference, Text: it.Texts[Reference], State: TextCurrent}
	if lang == "" || lang == Reference {
		return ko
	}
	found := it.match(lang)
	if found == "" {
		ko.State = TextUntranslated
		return ko
	}
	if it.translationStale(found) {
		ko.State = TextStale
		return ko
	}
	return Served{Language: found, Text: it.Texts[found], State: TextCurrent}
}

// match finds the item's language for a requested tag: the exact tag, or
// for a bare language (zh) its first regional or script variant (zh-Hans).
func (it *Item) match(lang string) string {
	if _, ok := it.Texts[lang]; ok {
		return lang
	}
	if baseLanguage(lang) != lang {
		return ""
	}
	for _, l := range sortedKeys(it.Texts) {
		if baseLanguage(l) == lang {
			return l
		}
	}
	return ""
}

func (it *Item) translationStale(lang string) bool {
	return lang != Reference && it.BasedOn[lang] < it.KoVersion
}

// Translations lists every non-Korean language with its staleness.
func (it *Item) Translations() []TranslationInfo {
	var out []TranslationInfo
	for _, l := range sortedKeys(it.Texts) {
		if l != Reference {
			out = append(out, TranslationInfo{Language: l, Stale: it.translationStale(l)})
		}
	}
	return out
}

// CurrentLanguages lists the languages a reader can get without a marker,
// Korean included.
func (it *Item) CurrentLanguages() []string {
	var out []string
	for _, l := range sortedKeys(it.Texts) {
		if !it.translationStale(l) {
			out = append(out, l)
		}
	}
	return out
}
