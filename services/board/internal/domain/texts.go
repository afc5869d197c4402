package domain

import (
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/platform/textrule"
)

// A board's name and purpose and a removal's explanation are public texts
// in Korean, the reference, and translations (A2: English, Chinese,
// Japanese), kept by the suite's one rule (platform/localized): a reader
// gets the current translation into their language, otherwise the Korean
// text marked untranslated or stale, never silently. The Korean text comes
// in its own request field (name, purpose, public_explanation), the
// translations in <field>_translations (seoul.type.v1.LocalizedText).

// checkTranslations reports every bad translation of field: a tag that is
// not a language tag, Korean given as a translation (koField holds it),
// a text too long, not UTF-8 or with control characters. An empty text is
// allowed: it removes that language.
func checkTranslations(v *errs.Violations, field, koField string, translations map[string]string, maxLen int) {
	for _, tag := range slices.Sorted(maps.Keys(translations)) {
		name, s := field+".texts."+tag, translations[tag]
		lang, ok := localized.NormalizeLanguage(tag)
		switch {
		case !ok:
			v.Add(name, "LANGUAGE_TAG")
		case lang == localized.Reference:
			v.Add(name, "KOREAN_IN_OWN_FIELD", "field", koField)
		case utf8.RuneCountInString(s) > maxLen:
			v.Add(name, "TOO_LONG", "max", maxLen)
		case !utf8.ValidString(s):
			v.Add(name, "NOT_UTF8")
		case textrule.HasControl(s):
			v.Add(name, "UNPRINTABLE")
		}
	}
}

// newText is a text first written: the Korean text and translations
// (already checked), every translation current.
func newText(ko string, translations map[string]string, maxLen int) localized.Text {
	texts := map[string]string{}
	for tag, s := range translations {
		texts[tag] = s
	}
	texts[localized.Reference] = ko
	var checked errs.Violations // the texts were checked with their request fields
	return localized.New("", texts, maxLen, &checked)
}

// Ko is the Korean text of t.
func Ko(t localized.Text) string { return t.Texts[localized.Reference] }

// NewBoardTexts checks a new board's name and purpose in Korean and their
// translations into v and returns them as texts (A2).
func NewBoardTexts(v *errs.Violations, name, purpose string, nameTr, purposeTr map[string]string) (localized.Text, localized.Text) {
	checkText(v, "name", name, MaxBoardName)
	checkText(v, "purpose", purpose, MaxBoardPurpose)
	checkTranslations(v, "name_translations", "name", nameTr, MaxBoardName)
	checkTranslations(v, "purpose_translations", "purpose", purposeTr, MaxBoardPurpose)
	return newText(name, nameTr, MaxBoardName), newText(purpose, purposeTr, MaxBoardPurpose)
}

// TextEdit is a change of one public text: a new Korean text, and
// translations to set by tag (an empty text removes the language); with
// ReplaceTranslations the languages not given are removed too.
type TextEdit struct {
	Ko                  *string
	Translations        map[string]string
	ReplaceTranslations bool
}

func (e TextEdit) check(v *errs.Violations, field string, maxLen int) {
	if e.Ko != nil {
		checkText(v, field, *e.Ko, maxLen)
	}
	checkTranslations(v, field+"_translations", field, e.Translations, maxLen)
}

// apply changes t (checked before): a changed Korean text is a new
// revision that leaves the translations not given with it stale; a
// translation given is current.
func (e TextEdit) apply(t *localized.Text, maxLen int) {
	changes := map[string]string{}
	if e.ReplaceTranslations {
		for lang := range t.Texts {
			if lang != localized.Reference {
				changes[lang] = ""
			}
		}
	}
	for tag, s := range e.Translations {
		lang, _ := localized.NormalizeLanguage(tag)
		delete(changes, lang)
		changes[tag] = s
	}
	if e.Ko != nil {
		changes[localized.Reference] = *e.Ko
	}
	var checked errs.Violations
	t.Apply("", changes, maxLen, &checked)
}

// BoardEdit changes a board's name and purpose (A2).
type BoardEdit struct {
	Name, Purpose TextEdit
}

// Edit applies e to b, or reports every bad field and changes nothing.
func (b *Board) Edit(e BoardEdit) error {
	var v errs.Violations
	e.Name.check(&v, "name", MaxBoardName)
	e.Purpose.check(&v, "purpose", MaxBoardPurpose)
	if err := v.Err(); err != nil {
		return err
	}
	e.Name.apply(&b.Name, MaxBoardName)
	e.Purpose.apply(&b.Purpose, MaxBoardPurpose)
	return nil
}

// Explanation is a decision's public explanation as a text: the Korean
// explanation and the translations the moderator gave with it, current
// (a decision is never edited).
func (d Decision) Explanation() localized.Text {
	return newText(d.PublicExplanation, d.ExplanationTranslations, MaxExplanation)
}
