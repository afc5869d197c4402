package screening

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// form is a normalised view of a text for matching, with origin[i] the
// index (in runes of the original) that produced runes[i], so a match can
// be shown to moderators as the original excerpt.
//
// edges marks, per rune, whether a match may start or end there: in the
// jamo form a match must start at the initial of a syllable and end at its
// last letter, or else 조정 (ㅈㅗ|ㅈㅓㅇ) would read 좆 (ㅈㅗㅈ). Letters typed
// loose carry no syllable, so they may start and end a match anywhere.
type form struct {
	runes  []rune
	origin []int
	edges  []uint8
}

const (
	canStart uint8 = 1 << iota
	canEnd
	// looseLetter marks a letter typed on its own (ㅅ, or the s of s발),
	// which may stand for a whole syllable in an abbreviation (ㅅ발 = 시발).
	looseLetter
	anyEdge = canStart | canEnd
)

func (f *form) add(r rune, at int) {
	f.runes = append(f.runes, r)
	f.origin = append(f.origin, at)
	f.edges = append(f.edges, anyEdge)
}

// aligned reports whether runes [from, to) may form a match.
func (f *form) aligned(from, to int) bool {
	return f.edges[from]&canStart != 0 && f.edges[to-1]&canEnd != 0
}

// looseWhere reports whether the runes from start are typed on their own
// wherever loose asks for it.
func (f *form) looseWhere(start int, loose []bool) bool {
	for j, l := range loose {
		if l && f.edges[start+j]&looseLetter == 0 {
			return false
		}
	}
	return true
}

// forms are the three views the word matcher compares against:
//   - jamo: every Hangul letter as canonical compatibility jamo, everything
//     else dropped (spaces, symbols, digits, zero-width characters), so
//     "시 발", "시1발", "씨@발" and "ㅅㅣ발" all read ㅅㅣㅂㅏㄹ;
//   - loose: only letters typed as separate jamo, syllables as a barrier,
//     for consonant abbreviations (ㅅㅂ) that must not match inside words
//     (갓바위 holds ㅅㅂ once decomposed);
//   - latin: Latin letters lower-cased with digit/symbol look-alikes
//     (0→o, 1→i, @→a, $→s) and Cyrillic/Greek homoglyphs mapped, plus the
//     Korean keyboard reading of Latin runs (tlqkf = 시발) in keyboard.
type forms struct {
	jamo, loose, latin, keyboard form
}

// barrier separates syllables in the loose form.
const barrier = '·'

// normalise builds the forms of text. It works rune by rune (NFKC per rune)
// to keep the mapping back to the original.
func normalise(text []rune) *forms {
	f := &forms{}
	prevLooseConsonant := false
	for i, r := range text {
		if j, ok := soundOfLatin(text, i); ok {
			f.addJamo(&f.jamo, j, i)
			f.jamo.edges[len(f.jamo.edges)-1] |= looseLetter
		}
		for _, c := range nfkc(r) {
			prevLooseConsonant = f.addRune(c, i, prevLooseConsonant)
		}
	}
	return f
}

// soundOfLatin reads a Latin consonant standing alone next to Hangul as the
// Korean consonant it sounds like, so s발 and c발 read ㅅ발 (= 시발). A letter
// inside a Latin word (Web신청, PC방) is a word of its own and is not read.
func soundOfLatin(text []rune, i int) (rune, bool) {
	j, ok := latinSound[unicode.ToLower(text[i])]
	if !ok || latinLetterAt(text, i-1) || latinLetterAt(text, i+1) {
		return 0, false
	}
	return j, hangulAt(text, i-1) || hangulAt(text, i+1)
}

func latinLetterAt(text []rune, i int) bool {
	return i >= 0 && i < len(text) && text[i] < 0x80 && unicode.IsLetter(text[i])
}

func hangulAt(text []rune, i int) bool {
	return i >= 0 && i < len(text) && (isSyllable(text[i]) || isJamo(text[i]))
}

// latinSound maps Latin consonants to the Korean initial they are read as.
var latinSound = map[rune]rune{
	's': 'ㅅ', 'c': 'ㅅ', 'b': 'ㅂ', 'g': 'ㄱ', 'k': 'ㄱ', 'j': 'ㅈ', 'd': 'ㄷ', 'p': 'ㅍ', 'h': 'ㅎ',
	'm': 'ㅁ', 'n': 'ㄴ',
}

// nfkc folds full-width, circled and other compatibility characters.
// ASCII and Hangul syllables are already normal; skipping them keeps the
// common path free of allocations.
func nfkc(r rune) []rune {
	if r < 0x80 || isSyllable(r) || (r >= compatFirst && r <= compatLast) {
		return []rune{r}
	}
	return []rune(norm.NFKC.String(string(r)))
}

// addRune adds c (from original index i) to the forms and reports whether
// it was a loose consonant, which lets a following "l", "1" or "|" stand
// for the vowel ㅣ (ㅅl발).
func (f *forms) addRune(c rune, i int, prevLooseConsonant bool) bool {
	switch {
	case isSyllable(c):
		first := len(f.jamo.runes)
		for _, j := range decompose(c) {
			f.addJamo(&f.jamo, j, i)
		}
		for k := first; k < len(f.jamo.runes); k++ {
			f.jamo.edges[k] = 0
		}
		f.jamo.edges[first] |= canStart
		f.jamo.edges[len(f.jamo.runes)-1] |= canEnd
		f.loose.add(barrier, i)
		return false
	case isJamo(c):
		j := toCompat(c)
		if j == 0 {
			return false
		}
		f.addJamo(&f.jamo, j, i)
		for k := len(f.jamo.edges) - 1; k >= 0 && f.jamo.origin[k] == i; k-- {
			f.jamo.edges[k] |= looseLetter
		}
		f.addJamo(&f.loose, j, i)
		return isConsonant(j)
	case prevLooseConsonant && isVowelLookalike(c):
		f.jamo.add('ㅣ', i)
		f.loose.add('ㅣ', i)
		return false
	}
	if l := latinOf(c); l != 0 {
		f.latin.add(l, i)
		if k, ok := keyboard[unicode.ToLower(c)]; ok && unicode.IsLetter(c) {
			f.addJamo(&f.keyboard, k, i)
		}
	}
	return false
}

func (f *forms) addJamo(dst *form, j rune, i int) {
	before := len(dst.runes)
	dst.runes = foldJamo(dst.runes, j)
	for range len(dst.runes) - before {
		dst.origin = append(dst.origin, i)
		dst.edges = append(dst.edges, anyEdge)
	}
}

func isVowelLookalike(c rune) bool {
	switch c {
	case 'l', 'I', '1', '|', '!', 'i':
		return true
	}
	return false
}

// latinOf maps letters and their look-alikes to lower-case Latin, 0 for
// anything else (spaces, punctuation, Hangul).
func latinOf(c rune) rune {
	if c < 0x80 {
		switch {
		case c >= 'a' && c <= 'z':
			return c
		case c >= 'A' && c <= 'Z':
			return c + ('a' - 'A')
		}
		return leet[c]
	}
	return homoglyph[unicode.ToLower(c)]
}

// leet maps digits and symbols commonly typed for letters.
var leet = map[rune]rune{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's'}

// homoglyph maps Cyrillic and Greek letters that look like Latin ones.
var homoglyph = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'к': 'k',
	'м': 'm', 'т': 't', 'в': 'b', 'н': 'h', 'і': 'i', 'ѕ': 's',
	'α': 'a', 'ο': 'o', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'τ': 't', 'υ': 'u', 'ε': 'e',
}

// keyboard is the standard Korean (두벌식) layout: Latin letters typed with
// the input method switched off still spell Korean words (tlqkf = 시발).
var keyboard = map[rune]rune{
	'q': 'ㅂ', 'w': 'ㅈ', 'e': 'ㄷ', 'r': 'ㄱ', 't': 'ㅅ', 'y': 'ㅛ', 'u': 'ㅕ', 'i': 'ㅑ',
	'o': 'ㅐ', 'p': 'ㅔ', 'a': 'ㅁ', 's': 'ㄴ', 'd': 'ㅇ', 'f': 'ㄹ', 'g': 'ㅎ', 'h': 'ㅗ',
	'j': 'ㅓ', 'k': 'ㅏ', 'l': 'ㅣ', 'z': 'ㅋ', 'x': 'ㅌ', 'c': 'ㅊ', 'v': 'ㅍ', 'b': 'ㅠ',
	'n': 'ㅜ', 'm': 'ㅡ',
}

// jamoKey folds a word-list entry the way the text is folded.
func jamoKey(word string) string {
	f := normalise([]rune(word))
	return string(f.jamo.runes)
}
