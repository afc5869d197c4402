// Package wire converts localized texts to and from their contracts
// (seoul.type.v1), so every service's transport maps them the same way.
package wire

import (
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/platform/localized"
)

// Texts returns the language → text map of a request's LocalizedText (nil
// when the request left it out).
func Texts(t *typev1.LocalizedText) map[string]string { return t.GetTexts() }

// All is the whole text, every language, for its editors.
func All(t localized.Text) *typev1.LocalizedText {
	return &typev1.LocalizedText{Texts: t.Texts}
}

// Served is the text as given to a reader of lang.
func Served(t localized.Text, lang string) *typev1.ServedText {
	s := t.Serve(lang)
	out := &typev1.ServedText{Language: s.Language, Text: s.Text, State: states[s.State]}
	for _, tr := range s.Translations {
		out.Translations = append(out.Translations, &typev1.Translation{Language: tr.Language, Stale: tr.Stale})
	}
	return out
}

var states = map[localized.State]typev1.TextState{
	localized.Current:      typev1.TextState_TEXT_STATE_CURRENT,
	localized.Untranslated: typev1.TextState_TEXT_STATE_UNTRANSLATED,
	localized.Stale:        typev1.TextState_TEXT_STATE_STALE,
}
