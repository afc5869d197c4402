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
	roadAddress    = regexp.MustCompile(`([가-힣][가-힣0-9]*(?:로|길))\s*` + buildingNumber + unitPart + `$`)
	lotAddress     = regexp.MustCompile(`([가-힣][가-힣0-9]*(?:동|리|가))\s*` + buildingNumber + `(?:\s*번지)?` + unitPart + `$`)
	complexAddress = regexp.MustCompile(`(?:([가-힣A-Za-z]{2,20})\s*)?\d{1,4}\s*동\s*\d{1,5}\s*호$`)
)

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
