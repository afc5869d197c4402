// Package view renders the web front's pages: html/template pages inside
// one layout (skip link, header, language switch, footer), forms whose
// fields carry the edge's field violations, dates in Seoul time, and the
// embedded static assets. Pages never load anything from outside the suite.
package view

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/timestamppb"

	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/web/internal/i18n"
	"github.com/seoul-gov/homepage/web/internal/session"
)

// Seoul is the time zone every date is shown in.
var Seoul = mustZone("Asia/Seoul")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is linked into the binary (cmd/web)
	}
	return loc
}

// Page is what every template receives.
type Page struct {
	i18n.Localizer
	// Title is the page's own title (already in the visitor's language).
	Title string
	// Section marks the navigation entry of the page (aria-current).
	Section string
	User    *session.User
	// Path is the current address, for the language switch to come back to.
	Path  string
	Flash string
	Data  any
	// DevSignIn shows that sign-in is the development issuer's.
	DevSignIn bool
	forms     map[string]*Form
	csrf      func() string
	assets    *Assets
	now       time.Time
}

// NewPage prepares a page in loc's language; csrf returns the session's
// form token, starting a session on first use.
func NewPage(loc i18n.Localizer, assets *Assets, csrf func() string) *Page {
	return &Page{Localizer: loc, forms: map[string]*Form{}, csrf: csrf, assets: assets, now: time.Now()}
}

// CSRF is the token every form carries.
func (p *Page) CSRF() string { return p.csrf() }

// Asset is the versioned address of a static file.
func (p *Page) Asset(name string) string { return p.assets.URL(name) }

// SetForm attaches a form's state (values and errors) to the page.
func (p *Page) SetForm(f *Form) { p.forms[f.ID] = f }

// Form returns the state of form id (empty when the page shows it fresh).
func (p *Page) Form(id string) *Form {
	if f, ok := p.forms[id]; ok {
		return f
	}
	f := NewForm(id, nil)
	p.forms[id] = f
	return f
}

// Other is the language the switch offers.
func (p *Page) Other() string {
	if p.Lang == i18n.English {
		return i18n.Korean
	}
	return i18n.English
}

// Staff tells whether the user has any staff role.
func (p *Page) Staff() bool {
	return p.User.Has("official", "moderator", "privacy_officer", "admin")
}

// Enum is the visitor's word for a proto enum value.
func (p *Page) Enum(e protoreflect.Enum) string {
	v := e.Descriptor().Values().ByNumber(e.Number())
	if v == nil {
		return strconv.Itoa(int(e.Number()))
	}
	return p.T("enum." + string(v.Name()))
}

// Date shows a timestamp's day in Seoul ("" when unset).
func (p *Page) Date(ts *timestamppb.Timestamp) string {
	if !ts.IsValid() || ts.AsTime().IsZero() {
		return ""
	}
	t := ts.AsTime().In(Seoul)
	if p.Lang == i18n.English {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2006년 1월 2일")
}

// DateTime shows a timestamp in Seoul time, to the minute.
func (p *Page) DateTime(ts *timestamppb.Timestamp) string {
	if d := p.Date(ts); d != "" {
		return d + " " + ts.AsTime().In(Seoul).Format("15:04")
	}
	return ""
}

// ISO is a timestamp for <time datetime="...">.
func (p *Page) ISO(ts *timestamppb.Timestamp) string {
	if !ts.IsValid() {
		return ""
	}
	return ts.AsTime().In(Seoul).Format(time.RFC3339)
}

// Clock says how long until (or since) a due time, in days or hours.
func (p *Page) Clock(ts *timestamppb.Timestamp) string {
	if !ts.IsValid() {
		return ""
	}
	d := ts.AsTime().Sub(p.now)
	key := "clock.left"
	if d < 0 {
		key, d = "clock.over", -d
	}
	if d >= 48*time.Hour {
		return p.T(key+".days", "n", int(d/(24*time.Hour)))
	}
	return p.T(key+".hours", "n", int(d/time.Hour))
}

// Overdue tells whether a due time has passed.
func (p *Page) Overdue(ts *timestamppb.Timestamp) bool {
	return ts.IsValid() && ts.AsTime().Before(p.now)
}

// Num shows an integer with thousands separators (1,234,567).
func (p *Page) Num(n any) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Percent shows a share in [0, 1] as a percentage.
func (p *Page) Percent(share float64) string {
	return strconv.FormatFloat(share*100, 'f', 1, 64) + "%"
}

// LangName is a content language's name in the visitor's language.
func (p *Page) LangName(tag string) string {
	if id := "lang." + tag; i18n.Has(i18n.Korean, id) {
		return p.T(id)
	}
	return tag
}

// Local picks the English text for English visitors when there is one,
// else the Korean reference.
func (p *Page) Local(ko, en string) string {
	if p.Lang == i18n.English && en != "" {
		return en
	}
	return ko
}

// Marker is the explicit mark of a public text served in Korean instead
// of the visitor's language (A2): its translation is out of date or
// missing; "" when the text is in the language asked for.
func (p *Page) Marker(s *typev1.ServedText) string {
	switch s.GetState() {
	case typev1.TextState_TEXT_STATE_STALE:
		return p.T("item.translation_stale")
	case typev1.TextState_TEXT_STATE_UNTRANSLATED:
		return p.T("text.untranslated")
	}
	return ""
}

// ServedView is a public text as the "served" partial shows it.
type ServedView struct {
	Text *typev1.ServedText
	// Marker is Marker(Text); Lang the visitor's language, for its lang.
	Marker, Lang string
}

// Served prepares a public text for the "served" partial.
func (p *Page) Served(s *typev1.ServedText) ServedView {
	return ServedView{Text: s, Marker: p.Marker(s), Lang: p.Lang}
}

// LocalLang is the language Local picked, for the lang attribute.
func (p *Page) LocalLang(en string) string {
	if p.Lang == i18n.English && en != "" {
		return i18n.English
	}
	return i18n.Korean
}

// Word is the visitor's word for a code the API returns (a purpose, a
// field name, a kind of ledger line): the message "<prefix>.<code>", or
// the code itself for one the catalogue does not know yet.
func (p *Page) Word(prefix, code string) string {
	if id := prefix + "." + code; i18n.Has(i18n.Korean, id) {
		return p.T(id)
	}
	return code
}
