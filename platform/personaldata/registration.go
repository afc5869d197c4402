package personaldata

import (
	"regexp"
	"time"
)

// registrationPattern is a resident or foreigner registration number:
// YYMMDD, an optional hyphen (or space), the sex/century digit (1–4 for
// citizens, 5–8 for foreigners) and six more digits.
var registrationPattern = regexp.MustCompile(`(\d{2})(\d{2})(\d{2})(\s?[-–]\s?|\s)?([1-8])(\d{6})`)

// registrationKeywords say that a number nearby is a registration number;
// otherNumberKeywords that it is a corporation's (법인등록번호, the same
// shape) or a product's barcode (13 digits), which are not personal data.
var (
	registrationKeywords = []string{"주민", "등록번호", "외국인", "생년", "rrn"}
	otherNumberKeywords  = []string{"법인", "바코드", "barcode"}
)

// registrationNumbers finds resident (1–4) and foreigner (5–8)
// registration numbers. The date must exist. Written with a hyphen the
// shape is distinctive enough; run together (13 digits) it must also carry
// a valid check digit or follow a keyword such as 주민번호 — numbers issued
// since October 2020 have no check digit, and an untagged run of 13 digits
// may be anything. A preceding 법인 makes it a corporation's number. A
// birth date after today is no one's.
func registrationNumbers(in *input) []Finding {
	text := in.text
	var out []Finding
	for _, m := range numberMatches(registrationPattern, in, true) {
		digits := m.groups[1] + m.groups[2] + m.groups[3] + m.groups[5] + m.groups[6]
		kind := ResidentRegistrationNumber
		if m.groups[5] >= "5" {
			kind = ForeignerRegistrationNumber
		}
		if !birthDate(m.groups[1], m.groups[2], m.groups[3], m.groups[5][0]) || preceded(text, m.start, otherNumberKeywords...) {
			continue
		}
		separated := m.groups[4] != ""
		if !separated && !checkDigit(digits, kind) && !preceded(text, m.start, registrationKeywords...) {
			continue
		}
		out = append(out, m.finding(kind, "******-*******"))
	}
	return out
}

// birthDate reports whether YYMMDD is a real date in the century the
// seventh digit gives (1, 2, 5, 6: 1900s; 3, 4, 7, 8: 2000s).
func birthDate(yy, mm, dd string, sex byte) bool {
	year := 1900 + atoi(yy)
	if sex == '3' || sex == '4' || sex == '7' || sex == '8' {
		year += 100
	}
	month, day := atoi(mm), atoi(dd)
	if !validDate(year, month, day) {
		return false
	}
	return !time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).After(time.Now())
}

func validDate(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && (year%4 == 0 && (year%100 != 0 || year%400 == 0)) {
		days = 29
	}
	return day <= days
}

// checkDigit verifies the thirteenth digit: weights 2–9, 2–5 over the
// first twelve; (11 − sum mod 11) mod 10 for citizens, (13 − sum mod 11)
// mod 10 for foreigners.
func checkDigit(digits string, kind Kind) bool {
	weights := [12]int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}
	sum := 0
	for i, w := range weights {
		sum += int(digits[i]-'0') * w
	}
	base := 11
	if kind == ForeignerRegistrationNumber {
		base = 13
	}
	return (base-sum%11)%10 == int(digits[12]-'0')
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
