package personaldata

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// phonePattern is a Korean telephone number: optional +82 (or 82 and a
// hyphen; the trunk 0 then dropped), the prefix — mobile 010/011/016–019, Seoul 02, the
// regional codes 031–064, 070 internet telephony, 0502–0508 personal
// numbers — then a group of three or four digits and one of four, with a
// hyphen, dot, space, parentheses or nothing between.
var phonePattern = regexp.MustCompile(
	`(?:\+82[-.\s]?(?:\(0\))?|82-|\(?0)(1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50[2-8])\)?(?:\s?[-.]\s?|\s)?(\d{3,4})(?:\s?[-.]\s?|\s)?(\d{4})`)

// phones finds telephone numbers and masks the middle group the way the
// privacy service masks a stored phone: 010-****-5678. Business numbers
// (1588-1234) and short codes (120) are not personal and not matched.
func phones(in *input) []Finding {
	var out []Finding
	for _, m := range numberMatches(phonePattern, in, false) {
		masked := "0" + m.groups[1] + "-" + strings.Repeat("*", len(m.groups[2])) + "-" + m.groups[3]
		out = append(out, m.finding(PhoneNumber, masked))
	}
	return out
}

// emailPattern is an e-mail address with a dotted domain.
var emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)

// emails finds e-mail addresses and keeps the first character of the local
// part and the domain: bimil.cha@example.org → b***@example.org.
func emails(in *input) []Finding {
	text := in.text
	if !strings.Contains(text, "@") {
		return nil
	}
	var out []Finding
	for _, loc := range emailPattern.FindAllStringIndex(text, -1) {
		addr := text[loc[0]:loc[1]]
		local, domain, _ := strings.Cut(addr, "@")
		first, _ := utf8.DecodeRuneInString(local)
		out = append(out, Finding{Kind: EmailAddress, Start: loc[0], End: loc[1], Masked: string(first) + "***@" + domain})
	}
	return out
}
