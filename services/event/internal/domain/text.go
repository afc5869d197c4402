package domain

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localized"
)

// Text is a public text of a participation event (title, description,
// rules, prize names) in Korean, the reference, and its translations
// (A2: English, Chinese, Japanese), kept by the suite's one rule
// (platform/localized): each translation remembers the Korean revision it
// was made from, so one left behind by a change of the Korean text is
// served marked stale, and a missing one is served as the Korean text
// marked untranslated.
type Text struct{ localized.Text }

// NewText is a text as first written: every translation current.
func NewText(texts map[string]string) Text {
	t := Text{localized.Text{Texts: map[string]string{}, BasedOn: map[string]int{}, Revision: 1}}
	for lang, s := range texts {
		if s == "" {
			continue
		}
		t.Texts[lang] = s
		if lang != localized.Reference {
			t.BasedOn[lang] = 1
		}
	}
	return t
}

// Ko is the Korean text.
func (t Text) Ko() string { return t.Texts[localized.Reference] }

// follow carries the history of prev into t, an edited copy of prev: a
// changed Korean text is a new revision; a translation kept unchanged
// through it stays based on the older one (stale); a changed or new
// translation is current.
func (t *Text) follow(prev Text) {
	t.Revision = max(prev.Revision, 1)
	if t.Ko() != prev.Ko() {
		t.Revision++
	}
	t.BasedOn = map[string]int{}
	for lang, s := range t.Texts {
		if lang == localized.Reference {
			continue
		}
		if old, ok := prev.Texts[lang]; ok && old == s {
			t.BasedOn[lang] = prev.BasedOn[lang]
		} else {
			t.BasedOn[lang] = t.Revision
		}
	}
}

// normalize brings the language tags to their canonical form (checked
// valid by checkText before).
func (t *Text) normalize() {
	texts, based := map[string]string{}, map[string]int{}
	for lang, s := range t.Texts {
		norm, ok := localized.NormalizeLanguage(lang)
		if !ok {
			norm = lang
		}
		texts[norm] = s
		if b, ok := t.BasedOn[lang]; ok {
			based[norm] = b
		}
	}
	t.Texts, t.BasedOn = texts, based
}

// textField is how a request names one language of a text: the Korean and
// English texts by name, any other by its tag under "others" (the event
// API's LocalizedText).
func textField(field, lang string) string {
	if lang == localized.Reference || lang == "en" {
		return field + "." + lang
	}
	return field + ".others." + lang
}

func checkText(v *errs.Violations, field string, t Text, required bool, limit int) {
	v.Check(required && strings.TrimSpace(t.Ko()) == "", field+".ko", "KOREAN_REQUIRED")
	for _, lang := range slices.Sorted(maps.Keys(t.Texts)) {
		s, f := t.Texts[lang], textField(field, lang)
		_, ok := localized.NormalizeLanguage(lang)
		v.Check(!ok, f, "LANGUAGE_TAG")
		v.Check(utf8.RuneCountInString(s) > limit, f, "TOO_LONG", "max", limit)
		CheckPlain(v, f, s)
	}
}

// legacyText is how texts were stored before they were localized: drafts
// (and the announcements frozen from them) written then still read.
type legacyText struct {
	Ko     string            `json:"ko"`
	En     string            `json:"en"`
	Others map[string]string `json:"others"`
}

// UnmarshalJSON reads the stored form and the legacy one.
func (t *Text) UnmarshalJSON(b []byte) error {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return err
	}
	if _, ok := probe["texts"]; ok || len(probe) == 0 {
		return json.Unmarshal(b, &t.Text)
	}
	var old legacyText
	if err := json.Unmarshal(b, &old); err != nil {
		return err
	}
	texts := maps.Clone(old.Others)
	if texts == nil {
		texts = map[string]string{}
	}
	texts[localized.Reference], texts["en"] = old.Ko, old.En
	*t = NewText(texts)
	return nil
}

// texts are the draft's public texts, each by a stable key (question,
// prize and source texts by their ids), for following their history
// through an edit.
func (d *Draft) texts() map[string]*Text {
	out := map[string]*Text{"title": &d.Title, "description": &d.Description,
		"eligibility": &d.Eligibility.Description, "delivery_method": &d.OperatingDetails.DeliveryMethod,
		"notes": &d.OperatingDetails.Notes}
	for i := range d.Questions {
		out["question:"+d.Questions[i].ID] = &d.Questions[i].Text
	}
	for i := range d.Prizes {
		out["prize:"+d.Prizes[i].ID] = &d.Prizes[i].Name
	}
	for i := range d.DrawSources {
		out["source:"+d.DrawSources[i].ID] = &d.DrawSources[i].Name
	}
	return out
}

// followTexts carries each text's history from prev, the draft before an
// edit (a text new in d starts current).
func (d *Draft) followTexts(prev Draft) {
	old := prev.texts()
	for key, t := range d.texts() {
		if p, ok := old[key]; ok {
			t.follow(*p)
		}
	}
}
