// Package textrule holds the rules every service applies to citizens' free
// text before storing it, so "empty" and "unprintable" mean the same in all
// of them. The gRPC server already refuses NUL in any string; these cover
// what a field-level check must decide.
package textrule

import (
	"strings"
	"unicode"
)

// Blank reports whether s shows nothing: only spaces, control and
// zero-width format characters, or Hangul fillers (ㅤ, used to post
// "empty" Korean text).
func Blank(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		switch r {
		case '\u115F', '\u1160', '\u3164', '\uFFA0':
			return false
		}
		return !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r)
	})
}

// HasControl reports control characters other than line breaks and tabs,
// which free text may hold.
func HasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
	})
}
