package screening

import (
	"regexp"
	"strings"
)

// Personal data in posts: resident registration numbers and phone numbers
// are masked before the text is stored or shown, and flagged (A10.1; the
// privacy service is the only place personal data may live).
var (
	// rrnPattern: YYMMDD-GNNNNNN, hyphen and spaces optional.
	rrnPattern = regexp.MustCompile(`(\d{2})(\d{2})(\d{2})\s*[-–]?\s*([1-8])(\d{6})`)
	// phonePattern: mobile (010-1234-5678, +82 10 ...), Seoul and regional
	// landlines (02-123-4567, 031-123-4567).
	phonePattern = regexp.MustCompile(`(?:\+82[-.\s]?|0)(1[016789]|2|[3-6][1-5]|70)[-.\s)]?(\d{3,4})[-.\s]?(\d{4})`)
	// businessPattern: nationwide company numbers (1588-1234). Not
	// personal, but an advertising signal.
	businessPattern = regexp.MustCompile(`1[5-9]\d{2}[-.\s]\d{4}`)
)

// personalData is what masking found.
type personalData struct {
	masked string
	rrns   int
	phones []string // masked views, for evidence
}

// maskPersonal masks resident registration numbers completely and the
// middle of phone numbers (010-****-5678, as the privacy service shows
// them). Matches glued to other digits are not numbers of either kind.
func maskPersonal(text string) personalData {
	pd := personalData{}
	text = replaceIsolated(rrnPattern, text, func(m []string) (string, bool) {
		if !plausibleBirthDate(m[2], m[3]) {
			return "", false
		}
		pd.rrns++
		return "******-*******", true
	})
	text = replaceIsolated(phonePattern, text, func(m []string) (string, bool) {
		prefix := "0" + m[1]
		masked := prefix + "-" + strings.Repeat("*", len(m[2])) + "-" + m[3]
		pd.phones = append(pd.phones, masked)
		return masked, true
	})
	pd.masked = text
	return pd
}

// replaceIsolated replaces matches of re not adjacent to other digits,
// when fn accepts them.
func replaceIsolated(re *regexp.Regexp, text string, fn func([]string) (string, bool)) string {
	var b strings.Builder
	last := 0
	for _, loc := range re.FindAllStringSubmatchIndex(text, -1) {
		if digitAt(text, loc[0]-1) || digitAt(text, loc[1]) {
			continue
		}
		groups := make([]string, len(loc)/2)
		for g := range groups {
			if loc[2*g] >= 0 {
				groups[g] = text[loc[2*g]:loc[2*g+1]]
			}
		}
		repl, ok := fn(groups)
		if !ok {
			continue
		}
		b.WriteString(text[last:loc[0]])
		b.WriteString(repl)
		last = loc[1]
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

func digitAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }

func plausibleBirthDate(mm, dd string) bool {
	return mm >= "01" && mm <= "12" && dd >= "01" && dd <= "31"
}
