// Package i18n holds the web front's words in Korean and English and picks
// the visitor's language: the one they chose with the language switch (a
// cookie), else the best match of their browser's Accept-Language, else
// Korean. Messages are go-i18n templates in messages/ui.<lang>.json, the
// same library and file shape as the suite's error catalogue
// (platform/locale); the edge's own messages (field violations) come in
// the visitor's language because every call carries it.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"slices"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Korean and English are the languages of the interface, Korean first.
const (
	Korean  = "ko"
	English = "en"
)

// Languages are the interface's languages, the default first.
var Languages = []string{Korean, English}

var matcher = language.NewMatcher([]language.Tag{language.Korean, language.English})

//go:embed messages/*.json
var files embed.FS

// bundle holds every message; ids records each language's own ids, so
// a missing translation is found by tests rather than by visitors.
var bundle, ids = load()

func load() (*goi18n.Bundle, map[string]map[string]bool) {
	b := goi18n.NewBundle(language.Korean)
	paths, err := fs.Glob(files, "messages/*.json")
	if err != nil {
		panic(err)
	}
	own := map[string]map[string]bool{}
	for _, p := range paths {
		mf, err := b.LoadMessageFileFS(files, p)
		if err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", p, err))
		}
		set := map[string]bool{}
		for _, m := range mf.Messages {
			set[m.ID] = true
		}
		own[mf.Tag.String()] = set
	}
	return b, own
}

// Negotiate picks the interface language: chosen (from the switch) when it
// is one of Languages, else the best match of acceptLanguage, else Korean.
func Negotiate(chosen, acceptLanguage string) string {
	if slices.Contains(Languages, chosen) {
		return chosen
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Korean
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return Korean
	}
	return Languages[i]
}

// Localizer renders messages in one language.
type Localizer struct {
	l    *goi18n.Localizer
	Lang string
}

// For returns the localizer of lang (Korean for anything else).
func For(lang string) Localizer {
	if !slices.Contains(Languages, lang) {
		lang = Korean
	}
	return Localizer{l: goi18n.NewLocalizer(bundle, lang), Lang: lang}
}

// T renders message id with args given as name, value pairs; a missing
// message shows its id (the catalogue test keeps that from happening).
func (l Localizer) T(id string, args ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	s, err := l.l.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id
	}
	return s
}

// Has tells whether id is in lang's own messages (not a fallback).
func Has(lang, id string) bool { return ids[lang][id] }

// IDs lists the message ids of lang's file, sorted.
func IDs(lang string) []string { return slices.Sorted(maps.Keys(ids[lang])) }
