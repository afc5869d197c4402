package wire

import (
	"context"
	"strings"

	"github.com/seoul-gov/homepage/platform/locale"
)

// ReaderLanguage is the language a reader asked for: the request's
// language field when set, else the first tag of the call's
// Accept-Language (the edge forwards the header), else "" (Korean).
func ReaderLanguage(ctx context.Context, asked string) string {
	if asked != "" {
		return asked
	}
	first, _, _ := strings.Cut(locale.AcceptLanguage(ctx), ",")
	tag, _, _ := strings.Cut(first, ";")
	return strings.TrimSpace(tag)
}
