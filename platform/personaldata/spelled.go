package personaldata

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// People who know numbers are screened write them out in words: a mobile
// number in Sino-Korean digits (공일공 일이삼사 오육칠팔) or an address
// with "at" and "dot" (hong at naver dot com). These detectors run on texts
// without a digit or an @, where the others find nothing.

// digitWords are the Sino-Korean digits, with 영/공 for zero and 륙 for 6.
var digitWords = map[rune]byte{'공': '0', '영': '0', '일': '1', '이': '2', '삼': '3', '사': '4', '오': '5',
	'육': '6', '륙': '6', '칠': '7', '팔': '8', '구': '9'}

// spelledMobile is 010 then eight digits, each a digit or its word, with
// a space, hyphen or dot allowed between any two. Only 010 numbers: a
// spelled 02 (공이) is an everyday pair of syllables. It is anchored: it
// runs only where a zero (공, 영, 0) starts a candidate, which keeps a long
// text cheap.
var spelledMobile = regexp.MustCompile(`^[공영0]\s?[일1]\s?[공영0](?:[\s.-]?[공영일이삼사오육륙칠팔구0-9]){8}`)

// spelledPhones finds mobile numbers written at least partly in words and
// masks them like written ones: 010-****-5678.
func spelledPhones(in *input) []Finding {
	var out []Finding
	for i := 0; i < len(in.text); {
		r, size := utf8.DecodeRuneInString(in.text[i:])
		if r != '공' && r != '영' && r != '0' {
			i += size
			continue
		}
		loc := spelledMobile.FindStringIndex(in.text[i:])
		if loc == nil {
			i += size
			continue
		}
		if s := readSpelled(in.text, i, i+loc[1]); s.words > 0 { // else phones finds it
			out = append(out, Finding{Kind: PhoneNumber, Start: i, End: i + loc[1], Masked: "010-****-" + string(s.digits[7:])})
		}
		i += loc[1]
	}
	return out
}

// spelled is text[from:to] read as digits: each digit or digit word with
// its byte span in text (separators skipped), and how many were words.
type spelled struct {
	digits       []byte
	starts, ends []int
	words        int
}

func readSpelled(text string, from, to int) spelled {
	var s spelled
	for i, r := range text[from:to] {
		d, ok := digitWords[r]
		switch {
		case ok:
			s.words++
		case r >= '0' && r <= '9':
			d = byte(r)
		default:
			continue
		}
		s.digits = append(s.digits, d)
		s.starts, s.ends = append(s.starts, from+i), append(s.ends, from+i+utf8.RuneLen(r))
	}
	return s
}

// spelledRun is a run of at least thirteen digits and digit words, with a
// space, hyphen or dot allowed between any two: where a registration number
// written in words (구공공일공일-일이삼사오육팔) may lie.
var spelledRun = regexp.MustCompile(`[공영일이삼사오육륙칠팔구0-9](?:[\s.-]?[공영일이삼사오육륙칠팔구0-9]){12,}`)

// spelledRegistrations finds registration numbers written at least partly
// in words. Digit words are everyday syllables, so it runs only where a
// keyword (주민, 등록번호, …) is in the text and takes only a run that
// follows one, or one with a hyphen after its date, holding thirteen
// digits that read as a birth date and a sex digit. The run may start with
// a stray word (번호는 이 구공…), so every thirteen-digit window is tried.
func spelledRegistrations(in *input) []Finding {
	if !hasAny(in.text, registrationKeywords) {
		return nil
	}
	var out []Finding
	for _, loc := range spelledRun.FindAllStringIndex(in.text, -1) {
		if f, ok := spelledRegistration(in.text, loc[0], loc[1]); ok {
			out = append(out, f)
		}
	}
	return out
}

func spelledRegistration(text string, from, to int) (Finding, bool) {
	s := readSpelled(text, from, to)
	if s.words == 0 {
		return Finding{}, false // registrationNumbers finds it
	}
	for k := 0; k+13 <= len(s.digits); k++ {
		d := string(s.digits[k : k+13])
		hyphen := strings.Contains(text[s.ends[k+5]:s.starts[k+6]], "-")
		if d[6] < '1' || d[6] > '8' || !birthDate(d[0:2], d[2:4], d[4:6], d[6]) ||
			!hyphen && !preceded(text, s.starts[k], registrationKeywords...) {
			continue
		}
		kind := ResidentRegistrationNumber
		if d[6] >= '5' {
			kind = ForeignerRegistrationNumber
		}
		return Finding{Kind: kind, Start: s.starts[k], End: s.ends[k+12], Masked: "******-*******"}, true
	}
	return Finding{}, false
}

// spelledEmail is local part, "at" (or 골뱅이, 앳, (at), [at]), domain,
// "dot" (or 닷, 쩜, (dot), [dot], a dot) and a common top-level domain.
var spelledEmail = regexp.MustCompile(`(?i)\b([a-z0-9][a-z0-9._%+-]*)\s*` + spelledAt + `\s*([a-z0-9-]+)\s*` + spelledDot +
	`\s*(com|net|org|(?:co|go|ac)\s*` + spelledDot + `\s*kr|kr|edu|gov|io|me|jp|cn)\b`)

// The words people write for @ and for the dot.
const (
	spelledAt  = `(?:\(at\)|\[at\]|\sat\s|골뱅이|앳)`
	spelledDot = `(?:\(dot\)|\[dot\]|\sdot\s|닷|쩜|\.)`
)

// notLocalParts are English words before "at" that start a sentence about
// a place or a site, not an address (look at example dot com).
var notLocalParts = map[string]bool{"look": true, "visit": true, "us": true, "me": true, "online": true,
	"here": true, "there": true, "site": true, "website": true, "page": true, "homepage": true, "it": true,
	"is": true, "are": true, "was": true, "available": true, "found": true, "posted": true, "them": true}

// spelledEmails finds e-mail addresses written with words for @ and the
// dot, and masks them like written ones: h***@naver.com.
func spelledEmails(in *input) []Finding {
	if !hasAny(in.text, atWords) {
		return nil // the expression is costly; most texts have no word for @
	}
	var out []Finding
	for _, m := range spelledEmail.FindAllStringSubmatchIndex(in.text, -1) {
		local := in.text[m[2]:m[3]]
		if notLocalParts[strings.ToLower(local)] {
			continue
		}
		domain := strings.ToLower(in.text[m[4]:m[5]])
		tld := strings.ToLower(in.text[m[6]:m[7]])
		if len(tld) > 3 && strings.HasSuffix(tld, "kr") {
			tld = tld[:2] + ".kr" // co dot kr → co.kr
		}
		out = append(out, Finding{Kind: EmailAddress, Start: m[0], End: m[1], Masked: local[:1] + "***@" + domain + "." + tld})
	}
	return out
}

// atWords are the ways of writing @ that spelledEmail knows.
var atWords = []string{" at ", " AT ", " At ", "(at)", "[at]", "(AT)", "[AT]", "골뱅이", "앳"}

func hasAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}
