// Package locale is the suite's one message catalogue and the caller's
// language. Errors carry stable reasons (platform/errs); their messages
// are written here once per language, in messages/<area>.<lang>.json, and
// rendered where an error leaves a process: the gRPC server for its
// callers, the edge for its own errors. Korean is the default; English is
// served to callers who ask for it with Accept-Language (the edge forwards
// the header as accept-language metadata, services forward it to the
// services they call, so a direct gRPC caller gets Korean by default too).
//
// Messages are go-i18n templates over the error's arguments:
//
//	"POST_NOT_FOUND": "게시글 {{.id}}을(를) 찾을 수 없습니다."
package locale

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/seoul-gov/homepage/platform/errs"
)

// MetadataKey is the gRPC metadata that carries the caller's
// Accept-Language between processes.
const MetadataKey = "accept-language"

// Languages are the catalogue's languages, the default first.
var Languages = []language.Tag{language.Korean, language.English}

//go:embed messages/*.json
var files embed.FS

var bundle = load()

func load() *i18n.Bundle {
	b := i18n.NewBundle(language.Korean)
	paths, err := fs.Glob(files, "messages/*.json")
	if err != nil {
		panic(err)
	}
	for _, p := range paths {
		if _, err := b.LoadMessageFileFS(files, p); err != nil {
			panic(fmt.Sprintf("locale: %s: %v", p, err))
		}
	}
	return b
}

type ctxKey struct{}

// WithAcceptLanguage records the caller's Accept-Language in ctx.
func WithAcceptLanguage(ctx context.Context, acceptLanguage string) context.Context {
	if acceptLanguage == "" {
		return ctx
	}
	return context.WithValue(ctx, ctxKey{}, acceptLanguage)
}

// AcceptLanguage returns the caller's Accept-Language ("" when none).
func AcceptLanguage(ctx context.Context) string {
	s, _ := ctx.Value(ctxKey{}).(string)
	return s
}

// Localizer renders messages in one caller's language.
type Localizer struct {
	l   *i18n.Localizer
	tag language.Tag
}

// For is the localizer of the caller in ctx: Korean unless the caller
// asked for another language of the catalogue.
func For(ctx context.Context) Localizer { return ForLanguage(AcceptLanguage(ctx)) }

// ForLanguage is the localizer of an Accept-Language value.
func ForLanguage(acceptLanguage string) Localizer {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, i, _ := matcher.Match(tags...)
	return Localizer{l: i18n.NewLocalizer(bundle, Languages[i].String()), tag: Languages[i]}
}

var matcher = language.NewMatcher(Languages)

// Language is the language messages are rendered in (ko, en).
func (l Localizer) Language() string { return l.tag.String() }

// Message renders reason with args (name, value pairs). A reason missing
// from the catalogue is rendered as itself, so nothing is ever blank.
func (l Localizer) Message(reason string, args ...any) string {
	msg, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: reason, TemplateData: errs.Data(args)})
	if err != nil || msg == "" {
		return reason + argsSuffix(args)
	}
	return msg
}

// Has reports whether the catalogue has reason in every language.
func Has(reason string) bool {
	for _, tag := range Languages {
		l := i18n.NewLocalizer(bundle, tag.String())
		if _, got, err := l.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: reason}); err != nil || got != tag {
			return false
		}
	}
	return true
}

func argsSuffix(args []any) string {
	var parts []string
	for i := 0; i+1 < len(args); i += 2 {
		parts = append(parts, fmt.Sprintf("%v=%v", args[i], args[i+1]))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
