package screening

import (
	"slices"
	"strings"
	"unicode"
)

// Some listed words are also ordinary words, and only the sentence around
// them tells which is meant. 병신 is an insult, but 병신년 (丙申年) is a year
// of the sexagenary cycle (1956, 2016, 2076): "2016년 병신년 새해", "병신년생",
// "을미년과 병신년". The same letters are an insult aimed at a woman in
// "이 병신년아". So a year reading needs evidence of a year around it, and an
// insult marker (a vocative, a plural, a demonstrative or a curse in front)
// always wins.

// yearWord is the listed word that is also the name of a year.
const yearWord = "병신"

// inContext drops the hits that their context shows to be innocent.
func inContext(hits []hit, text []rune) []hit {
	return slices.DeleteFunc(hits, func(h hit) bool {
		return h.e.word == yearWord && yearName(text, h.from, h.to)
	})
}

// yearName reports whether text[from:to] (a match of 병신) names a year.
func yearName(text []rune, from, to int) bool {
	after := strings.TrimLeftFunc(string(text[to:]), unicode.IsSpace)
	rest, ok := strings.CutPrefix(after, "년")
	if !ok {
		return false
	}
	before := strings.TrimRightFunc(string(text[:from]), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("(\"'“‘「『,", r)
	})
	if insultAfter(rest) || insultBefore(before) {
		return false
	}
	return yearAfter(rest) || yearBefore(before) || otherCycleYear(string(text))
}

// insultAfter: 병신년아, 병신년들, 병신년이야 address or group people.
func insultAfter(rest string) bool {
	for _, p := range []string{"아", "야", "들", "이야", "이네", "같", "처럼"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// insultBefore: 이 병신년, 미친 병신년, 저 병신년 point at a person.
func insultBefore(before string) bool {
	fields := strings.Fields(before)
	if len(fields) == 0 {
		return false
	}
	switch fields[len(fields)-1] {
	case "이", "저", "그", "미친", "개", "썅", "니", "너", "넌", "저런", "이런":
		return true
	}
	return false
}

// yearAfter: what follows 병신년 in a year's sentence — 병신년생, 병신년도,
// 병신년에 (not 에게), 병신년부터/까지, 병신년 새해, 병신년(丙申年).
func yearAfter(rest string) bool {
	rest = strings.TrimLeft(rest, " (")
	if strings.HasPrefix(rest, "에게") || strings.HasPrefix(rest, "한테") {
		return false
	}
	for _, p := range []string{"생", "도", "에", "부터", "까지", "새해", "정월", "설", "한 해", "해", "丙申", "은 ", "는 ", "의 ", "이 밝", "이었", "이던", "이 되", "이다", "입니다", "였", "인 "} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// yearBefore: 2016년 병신년, 서기 1956년은 병신년, 올해는 병신년.
func yearBefore(before string) bool {
	fields := strings.Fields(before)
	if len(fields) == 0 {
		return false
	}
	last := strings.TrimRight(fields[len(fields)-1], "은는이가도,:()")
	if y, ok := strings.CutSuffix(last, "년"); ok && y != "" && strings.TrimLeftFunc(y, unicode.IsDigit) == "" {
		return true
	}
	for _, w := range []string{"올해", "내년", "작년", "지난해", "새해", "다가올", "다가오는", "육십갑자", "간지", "서기", "단기", "해는", "해가"} {
		if strings.HasPrefix(last, w) || last == w {
			return true
		}
	}
	return false
}

// otherCycleYear: another year of the cycle named in the same text (을미년과
// 병신년) makes it a list of years.
func otherCycleYear(text string) bool {
	for _, y := range cycleYears {
		if y != yearWord && strings.Contains(text, y+"년") {
			return true
		}
	}
	return strings.ContainsRune(text, '丙') && strings.ContainsRune(text, '申')
}

// cycleYears are the sixty names of the sexagenary cycle (육십갑자).
var cycleYears = strings.Fields(`갑자 을축 병인 정묘 무진 기사 경오 신미 임신 계유 갑술 을해 병자 정축 무인 기묘
경진 신사 임오 계미 갑신 을유 병술 정해 무자 기축 경인 신묘 임진 계사 갑오 을미 병신 정유 무술 기해
경자 신축 임인 계묘 갑진 을사 병오 정미 무신 기유 경술 신해 임자 계축 갑인 을묘 병진 정사 무오 기미
경신 신유 임술 계해`)
