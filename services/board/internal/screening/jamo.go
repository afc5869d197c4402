package screening

// Hangul arithmetic. A precomposed syllable is 0xAC00 + (L*21 + V)*28 + T;
// the tables below name each L (initial), V (vowel) and T (final) index as a
// compatibility jamo, so that a syllable, a run of conjoining jamo and a run
// of compatibility jamo typed one by one all fold to the same sequence.
const (
	syllableBase   = 0xAC00
	syllableLast   = 0xD7A3
	vowelCount     = 21
	finalCount     = 28
	choseongFirst  = 0x1100
	choseongLast   = 0x1112
	jungseongFirst = 0x1161
	jungseongLast  = 0x1175
	jongseongFirst = 0x11A8
	jongseongLast  = 0x11C2
	compatFirst    = 0x3131
	compatLast     = 0x318E
)

var initials = []rune("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
var vowels = []rune("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ")

// finals has an empty slot at index 0 (no final consonant).
var finals = []rune(" ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

// fold maps a compatibility jamo to the canonical sequence compared by the
// matcher: tense consonants become plain (ㅆ→ㅅ: 씨발 = 시발), near-identical
// vowels merge (ㅔ/ㅖ/ㅒ→ㅐ, ㅢ→ㅣ), and compound letters split into their
// parts so "ㅗㅏ" typed separately equals "ㅘ".
var fold = map[rune]string{
	'ㄲ': "ㄱ", 'ㄸ': "ㄷ", 'ㅃ': "ㅂ", 'ㅆ': "ㅅ", 'ㅉ': "ㅈ",
	'ㄳ': "ㄱㅅ", 'ㄵ': "ㄴㅈ", 'ㄶ': "ㄴㅎ", 'ㄺ': "ㄹㄱ", 'ㄻ': "ㄹㅁ", 'ㄼ': "ㄹㅂ",
	'ㄽ': "ㄹㅅ", 'ㄾ': "ㄹㅌ", 'ㄿ': "ㄹㅍ", 'ㅀ': "ㄹㅎ", 'ㅄ': "ㅂㅅ",
	'ㅔ': "ㅐ", 'ㅖ': "ㅐ", 'ㅒ': "ㅐ", 'ㅢ': "ㅣ",
	'ㅘ': "ㅗㅏ", 'ㅙ': "ㅗㅐ", 'ㅚ': "ㅗㅣ", 'ㅝ': "ㅜㅓ", 'ㅞ': "ㅜㅐ", 'ㅟ': "ㅜㅣ",
}

// isSyllable reports whether r is a precomposed Hangul syllable.
func isSyllable(r rune) bool { return r >= syllableBase && r <= syllableLast }

// isJamo reports whether r is a loose (not precomposed) Hangul letter.
func isJamo(r rune) bool {
	return (r >= choseongFirst && r <= 0x11FF) || (r >= compatFirst && r <= compatLast)
}

// decompose returns the compatibility jamo of a syllable: initial, vowel
// and, when present, final.
func decompose(r rune) []rune {
	i := int(r - syllableBase)
	l, v, t := i/(vowelCount*finalCount), (i%(vowelCount*finalCount))/finalCount, i%finalCount
	if t == 0 {
		return []rune{initials[l], vowels[v]}
	}
	return []rune{initials[l], vowels[v], finals[t]}
}

// toCompat maps a conjoining jamo (U+1100 block) to its compatibility
// form; compatibility jamo pass through. Archaic letters map to 0.
func toCompat(r rune) rune {
	switch {
	case r >= compatFirst && r <= 0x3163:
		return r
	case r >= choseongFirst && r <= choseongLast:
		return initials[r-choseongFirst]
	case r >= jungseongFirst && r <= jungseongLast:
		return vowels[r-jungseongFirst]
	case r >= jongseongFirst && r <= jongseongLast:
		return finals[r-jongseongFirst+1]
	}
	return 0
}

// isConsonant reports whether a compatibility jamo is a consonant.
func isConsonant(r rune) bool { return r >= 0x3131 && r <= 0x314E }

// foldJamo appends the canonical form of compatibility jamo r to dst.
func foldJamo(dst []rune, r rune) []rune {
	if f, ok := fold[r]; ok {
		return append(dst, []rune(f)...)
	}
	return append(dst, r)
}
