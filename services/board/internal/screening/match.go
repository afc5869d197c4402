package screening

import (
	"slices"
	"strings"
	"unicode"
)

// hit is one word-list match in the original text.
type hit struct {
	e        *entry
	from, to int // rune range in the original text, to exclusive
}

// matcher finds word-list entries in the forms of a text. Entries are
// indexed by their first folded rune so each position is compared with a
// handful of candidates only.
type matcher struct {
	byFirst [3]map[rune][]*entry
	allow   map[rune][]*entry
}

func newMatcher(lx *lexicon) *matcher {
	m := &matcher{allow: map[rune][]*entry{}}
	for v := range m.byFirst {
		m.byFirst[v] = map[rune][]*entry{}
	}
	for i := range lx.words {
		e := &lx.words[i]
		m.byFirst[e.view][e.key[0]] = append(m.byFirst[e.view][e.key[0]], e)
	}
	for i := range lx.allow {
		e := &lx.allow[i]
		m.allow[e.key[0]] = append(m.allow[e.key[0]], e)
	}
	return m
}

// find returns every match of the word list in text.
func (m *matcher) find(text []rune, f *forms) []hit {
	blocked := m.allowed(&f.jamo)
	var hits []hit
	hits = m.scan(hits, text, &f.jamo, m.byFirst[viewJamo], blocked)
	hits = m.scan(hits, text, &f.keyboard, m.byFirst[viewJamo], nil)
	hits = m.scan(hits, text, &f.loose, m.byFirst[viewLoose], nil)
	hits = m.scan(hits, text, &f.latin, m.byFirst[viewLatin], nil)
	return hits
}

// allowed marks the positions of the jamo form covered by allow-listed
// innocent words (시발점), where listed words are not reported.
func (m *matcher) allowed(f *form) []bool {
	var blocked []bool
	for i, r := range f.runes {
		for _, e := range m.allow[r] {
			if hasAt(f.runes, i, e.key) {
				if blocked == nil {
					blocked = make([]bool, len(f.runes))
				}
				for j := i; j < i+len(e.key); j++ {
					blocked[j] = true
				}
			}
		}
	}
	return blocked
}

func (m *matcher) scan(hits []hit, text []rune, f *form, index map[rune][]*entry, blocked []bool) []hit {
	for i, r := range f.runes {
		for _, e := range index[r] {
			end := i + len(e.key)
			if !hasAt(f.runes, i, e.key) || !f.aligned(i, end) || !f.looseWhere(i, e.loose) || covered(blocked, i, end) {
				continue
			}
			from, to := f.origin[i], f.origin[end-1]+1
			if !plausibleSpan(text, from, to) || (e.wordStart && !atWordStart(text, from)) {
				continue
			}
			hits = append(hits, hit{e: e, from: from, to: to})
		}
	}
	return hits
}

func hasAt(s []rune, i int, key []rune) bool {
	if i+len(key) > len(s) {
		return false
	}
	for j, k := range key {
		if s[i+j] != k {
			return false
		}
	}
	return true
}

func covered(blocked []bool, from, to int) bool {
	if blocked == nil {
		return false
	}
	for i := from; i < to; i++ {
		if !blocked[i] {
			return false
		}
	}
	return true
}

// plausibleSpan rejects accidental matches across word boundaries. Folding
// drops spaces so that "시 발" is caught, but then "서울시 발표" and
// "교육 시 발생" would read 시발 too. A match that crosses a space must be spaced
// out as a word is: start at the start of a word and end at the end of one
// (or run on into an insult's ending: 씨 발놈, 병 신같은). One inside a
// single word is always kept.
func plausibleSpan(text []rune, from, to int) bool {
	if !slices.ContainsFunc(text[from:to], unicode.IsSpace) {
		return true
	}
	return atWordStart(text, from) && atWordEnd(text, to)
}

// insultEndings may follow a spaced-out word directly (씨 발놈아).
var insultEndings = []string{"놈", "년", "아", "야", "같", "들", "새끼"}

func atWordEnd(text []rune, to int) bool {
	if to == len(text) || !unicode.IsLetter(text[to]) && !unicode.IsDigit(text[to]) {
		return true
	}
	rest := string(text[to:])
	return slices.ContainsFunc(insultEndings, func(p string) bool { return strings.HasPrefix(rest, p) })
}

// atWordStart reports whether the original text starts a word at from.
func atWordStart(text []rune, from int) bool {
	if from == 0 {
		return true
	}
	prev := text[from-1]
	return !unicode.IsLetter(prev) && !unicode.IsDigit(prev)
}
