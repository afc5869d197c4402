// Package textrule holds the rules every service applies to citizens' free
// text before storing it, so "empty", "unprintable" and "deceptive" mean the
// same in all of them. The gRPC server applies Hidden (and refuses NUL) to
// every string of every request; the field-level checks use Blank and
// HasControl.
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

// byteOrderMark is U+FEFF. Inside text it is an invisible zero-width
// character that makes two equal-looking titles differ (and defeats the
// duplicate and profanity checks); at the start it is an encoding artefact.
const byteOrderMark = '\uFEFF'

// Hidden returns the first character of s that changes how text is shown
// without being seen itself — a bidirectional control (U+202E RIGHT-TO-LEFT
// OVERRIDE turns "txt.exe" into "exe.txt" on screen; the isolates, embeddings
// and marks of Unicode's Bidi_Control property) or a byte order mark — and
// whether there is one. Korean and the other homepage languages never need
// them, so requests carrying them are refused rather than silently altered.
func Hidden(s string) (rune, bool) {
	for _, r := range s {
		if r == byteOrderMark || unicode.Is(unicode.Bidi_Control, r) {
			return r, true
		}
	}
	return 0, false
}
