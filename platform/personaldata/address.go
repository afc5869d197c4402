package personaldata

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A detailed address is a place plus a unit someone lives or works in: a
// road (…로, …길) or a lot (…동, …리, …가) with its building number, then a
// 호 (optionally with a building name, 동 and 층 before it); or an apartment
// complex's 동 and 호. A road with a building number alone (세종대로 110,
// where a pothole is) or with a floor alone (3층, a public office) is
// where something is, not who someone is, and stays.
const (
	buildingNumber = `(\d{1,4}(?:-\d{1,4})?)`
	unitPart       = `\s*,?\s*(?:\([^)]{1,20}\)\s*,?\s*)?(?:[가-힣A-Za-z]{1,12}\s*)?(?:[A-Za-z0-9]{1,4}\s*동\s*)?` +
		`(?:(?:지하\s*)?\d{1,3}\s*층\s*)?[A-Za-z]?\d{1,5}\s*호`
)

// The patterns are anchored at the end: they run on the stretch of text
// before each unit number's 호 (unitEnds), not on the whole text.
var (
	roadAddress    = regexp.MustCompile(`([가-힣][가-힣0-9]*(?:로|길)(?:\s?\d{1,3}번?길)?)\s*` + buildingNumber + unitPart + `$`)
	lotAddress     = regexp.MustCompile(`([가-힣][가-힣0-9]*(?:동|리|가))\s*` + buildingNumber + `(?:\s*번지)?` + unitPart + `$`)
	complexAddress = regexp.MustCompile(`(?:([가-힣A-Za-z]{2,20})\s*)?\d{1,4}\s*동\s*\d{1,5}\s*호$`)
)

// complexWords are an apartment word and the common brands, after which
// a complex's 동 and 호 are written in shorthand (래미안 101-1203).
var complexWords = []string{"아파트", "빌라", "맨션", "오피스텔", "래미안", "자이", "힐스테이트", "푸르지오", "아이파크",
	"롯데캐슬", "e편한세상", "더샵", "캐슬", "SK뷰"}

// complexShort is that shorthand: a building of up to four digits, a unit
// of three or four. Only after a complex word, since a bare 101-1203 may
// be any number.
var complexShort = regexp.MustCompile(`(` + strings.Join(complexWords, "|") + `)\s*\d{1,4}\s?-\s?\d{3,4}`)

// complexShorthands finds 래미안 101-1203 and keeps the name: 래미안 ***.
func complexShorthands(in *input) []Finding {
	if !hasAny(in.text, complexWords) {
		return nil // the expression is costly; most texts name no complex
	}
	var out []Finding
	for _, m := range matches(complexShort, in.text, false) {
		out = append(out, m.finding(StreetAddress, m.groups[1]+" ***"))
	}
	return out
}

// addressReach is how far before a unit's 호 an address may start, in bytes.
const addressReach = 160

// addresses finds detailed addresses and keeps the road, lot or complex
// name: 비밀로 77, 101동 1203호 → 비밀로 ***.
func addresses(in *input) []Finding {
	text := in.text
	var out []Finding
	for _, end := range unitEnds(text) {
		start := max(0, end-addressReach)
		for start > 0 && !utf8.RuneStart(text[start]) {
			start++
		}
		for _, re := range []*regexp.Regexp{roadAddress, lotAddress, complexAddress} {
			ms := matchesIn(re, text, start, end, true, nil)
			if len(ms) == 0 {
				continue
			}
			m := ms[0]
			name := m.groups[1]
			if re == roadAddress && hasSuffix(name, "으로") {
				continue // a postposition (집으로), not a road
			}
			masked := "***"
			if name != "" {
				masked = name + " ***"
			}
			out = append(out, m.finding(StreetAddress, masked))
		}
	}
	return out
}

// unitEnds returns the byte offsets just after each 호 that follows a
// number (1203호, 1203 호): where a detailed address can end.
func unitEnds(text string) []int {
	var out []int
	for i := 0; ; {
		j := strings.Index(text[i:], "호")
		if j < 0 {
			return out
		}
		at := i + j
		k := at
		for k > 0 && text[k-1] == ' ' {
			k--
		}
		if digitAt(text, k-1) {
			out = append(out, at+len("호"))
		}
		i = at + len("호")
	}
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}
