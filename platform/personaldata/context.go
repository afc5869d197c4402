package personaldata

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// keywordWindow is how many characters before a number are searched for a
// keyword that says what the number is ("계좌번호: 1234…").
const keywordWindow = 20

// preceded reports whether one of keywords occurs in the keywordWindow
// characters before byte offset at.
func preceded(text string, at int, keywords ...string) bool {
	from := at
	for n := 0; n < keywordWindow && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	window := strings.ToLower(text[from:at])
	for _, k := range keywords {
		if strings.Contains(window, k) {
			return true
		}
	}
	return false
}

func digitAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }

func letterAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	c := s[i] | 0x20
	return c >= 'a' && c <= 'z'
}

// glued reports whether the number at [start, end) is part of a longer
// one: a digit right before or after it, or a digit beyond a hyphen
// (2026-1234567-89, 978-89-1234-567-8), or — when letters count — a
// letter touching it (a product code such as X850315-1234561).
func glued(text string, start, end int, letters bool) bool {
	if digitAt(text, start-1) || digitAt(text, end) {
		return true
	}
	if start >= 2 && text[start-1] == '-' && digitAt(text, start-2) {
		return true
	}
	if end+1 < len(text) && text[end] == '-' && digitAt(text, end+1) {
		return true
	}
	return letters && (letterAt(text, start-1) || letterAt(text, end))
}

// matches returns the submatch groups of every match of re in text that is
// not glued to a longer number, with the match's offsets.
func matches(re *regexp.Regexp, text string, letters bool) []match {
	return matchesIn(re, text, 0, len(text), letters, nil)
}

// numberMatches is matches for patterns made of digits and separators
// only: the expression runs on the runs of such characters (numberRuns),
// not on the whole text, which keeps screening a long Korean text cheap.
func numberMatches(re *regexp.Regexp, in *input, letters bool) []match {
	var out []match
	for _, r := range in.runs {
		out = matchesIn(re, in.text, r[0], r[1], letters, out)
	}
	return out
}

func matchesIn(re *regexp.Regexp, text string, from, to int, letters bool, out []match) []match {
	for _, loc := range re.FindAllStringSubmatchIndex(text[from:to], -1) {
		if glued(text, from+loc[0], from+loc[1], letters) {
			continue
		}
		m := match{start: from + loc[0], end: from + loc[1], groups: make([]string, len(loc)/2)}
		for g := range m.groups {
			if loc[2*g] >= 0 {
				m.groups[g] = text[from+loc[2*g] : from+loc[2*g+1]]
			}
		}
		out = append(out, m)
	}
	return out
}

// numberRuns returns the [start, end) byte ranges of text made of digits
// and the characters that separate groups of a number (hyphens, dashes,
// dots, spaces, parentheses, a leading +), each holding at least one digit.
func numberRuns(text string) [][2]int {
	var runs [][2]int
	start, lastDigit := -1, -1
	for i, r := range text {
		switch {
		case r >= '0' && r <= '9':
			if start < 0 {
				start = i
			}
			lastDigit = i
		case start < 0 && (r == '+' || r == '('):
			start = i
		case start >= 0 && (r == '-' || r == '–' || r == '.' || r == ' ' || r == '(' || r == ')' || r == '+'):
		default:
			if lastDigit >= start && start >= 0 {
				runs = append(runs, [2]int{start, closeRun(text, lastDigit)})
			}
			start, lastDigit = -1, -1
		}
	}
	if start >= 0 && lastDigit >= start {
		runs = append(runs, [2]int{start, closeRun(text, lastDigit)})
	}
	return runs
}

// closeRun ends a run after its last digit, or after a closing parenthesis
// right behind it.
func closeRun(text string, lastDigit int) int {
	end := lastDigit + 1
	if end < len(text) && text[end] == ')' {
		end++
	}
	return end
}

type match struct {
	start, end int
	groups     []string
}

func (m match) finding(k Kind, masked string) Finding {
	return Finding{Kind: k, Start: m.start, End: m.end, Masked: masked}
}

// onlyDigits returns the digits of s.
func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// starDigits replaces every digit of s but the last keep with '*',
// keeping separators: 110-123-456789 → ***-***-**6789.
func starDigits(s string, keep int) string {
	total := len(onlyDigits(s))
	seen := 0
	return strings.Map(func(r rune) rune {
		if r < '0' || r > '9' {
			return r
		}
		seen++
		if seen > total-keep {
			return r
		}
		return '*'
	}, s)
}
