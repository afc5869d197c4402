package personaldata

import (
	"regexp"
	"slices"
	"strings"
)

var (
	// cardGrouped: 4-4-4-4 (16 digits), 4-6-5 (15, American Express) and
	// 4-6-4 (14, Diners), groups separated by hyphens or spaces.
	cardGrouped = regexp.MustCompile(`\d{4}[-\s]\d{4}[-\s]\d{4}[-\s]\d{4}|\d{4}[-\s]\d{6}[-\s]\d{4,5}`)
	// cardRun: 14 to 16 digits run together.
	cardRun        = regexp.MustCompile(`\d{14,16}`)
	cardKeywords   = []string{"카드", "card"}
	cardRunIssuers = "3456"
)

// cards finds payment card numbers: the Luhn sum must hold; digits run
// together must also start like an international card (3, 4, 5, 6) or
// follow the word 카드. The last four digits stay: ****-****-****-1234.
func cards(in *input) []Finding {
	text := in.text
	var out []Finding
	for _, m := range numberMatches(cardGrouped, in, true) {
		if luhn(onlyDigits(m.groups[0])) {
			out = append(out, m.finding(CardNumber, starDigits(m.groups[0], 4)))
		}
	}
	for _, m := range numberMatches(cardRun, in, true) {
		d := m.groups[0]
		if luhn(d) && (strings.ContainsRune(cardRunIssuers, rune(d[0])) || preceded(text, m.start, cardKeywords...)) {
			out = append(out, m.finding(CardNumber, starDigits(d, 4)))
		}
	}
	return out
}

func luhn(digits string) bool {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

var (
	// licenceCore is the year of issue, six digits and a check pair
	// (12-345678-90); before it stands the region, as a code (11–28) or by
	// name: 11-12-345678-90, 서울 12-345678-90. Twelve digits run together
	// count only after the word 면허.
	licenceCore        = regexp.MustCompile(`\d{2}[-\s]?\d{6}[-\s]?\d{2}`)
	licenceCode        = regexp.MustCompile(`(\d{2})[-\s]$`)
	licenceName        = regexp.MustCompile(`(서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산|세종)\s?-?\s?$`)
	licenceRun         = regexp.MustCompile(`\d{12}`)
	licenceKeywords    = []string{"면허"}
	licenceRegionCodes = []string{"11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "28"}
)

// licenceCores finds licenceCore in the number runs of text, glued or not
// (the region code before it glues it).
func licenceCores(in *input) [][]int {
	var out [][]int
	for _, r := range in.runs {
		for _, loc := range licenceCore.FindAllStringIndex(in.text[r[0]:r[1]], -1) {
			out = append(out, []int{r[0] + loc[0], r[0] + loc[1]})
		}
	}
	return out
}

// licences finds driver's licence numbers; everything but a region name is
// masked.
func licences(in *input) []Finding {
	text := in.text
	var out []Finding
	for _, loc := range licenceCores(in) {
		before := text[max(0, loc[0]-12):loc[0]]
		core := text[loc[0]:loc[1]]
		switch code := licenceCode.FindStringSubmatch(before); {
		case code != nil && core != onlyDigits(core) && slices.Contains(licenceRegionCodes, code[1]):
			start := loc[0] - len(code[0])
			if !glued(text, start, loc[1], true) {
				out = append(out, Finding{Kind: DriverLicenceNumber, Start: start, End: loc[1], Masked: "**-**-******-**"})
			}
		case licenceName.MatchString(before) && !glued(text, loc[0], loc[1], true) && len(onlyDigits(core)) == 10:
			name := licenceName.FindStringSubmatchIndex(before)
			out = append(out, Finding{Kind: DriverLicenceNumber, Start: loc[0] - len(before) + name[0], End: loc[1],
				Masked: before[name[2]:name[3]] + " **-******-**"})
		}
	}
	for _, m := range numberMatches(licenceRun, in, true) {
		if slices.Contains(licenceRegionCodes, m.groups[0][:2]) && preceded(text, m.start, licenceKeywords...) {
			out = append(out, m.finding(DriverLicenceNumber, "************"))
		}
	}
	return out
}

var (
	// passportNew is the format issued since 2021 (M123A4567); passportOld
	// the earlier one (M12345678). The first letter is the passport type.
	passportNew = regexp.MustCompile(`[MSRODG]\d{3}[A-Z]\d{4}`)
	passportOld = regexp.MustCompile(`[MSRODG](\d{8})`)
	// passportTagged is any one- or two-letter, seven- or eight-digit
	// number after the word 여권 (foreign passports too), in either case.
	passportTagged   = regexp.MustCompile(`[A-Za-z]{1,2}\d{7,8}`)
	passportKeywords = []string{"여권", "passport"}
)

// passports finds passport numbers; the type letter stays (M********).
// An old-format number whose digits read as a date (S20260315, a dated
// code) counts only after the word 여권.
func passports(in *input) []Finding {
	text := in.text
	if !letterBeforeDigit(text) {
		return nil
	}
	var out []Finding
	mask := func(m match) Finding {
		return m.finding(PassportNumber, m.groups[0][:1]+strings.Repeat("*", len(m.groups[0])-1))
	}
	for _, m := range matches(passportNew, text, true) {
		out = append(out, mask(m))
	}
	for _, m := range matches(passportOld, text, true) {
		d := m.groups[1]
		if !validDate(atoi(d[:4]), atoi(d[4:6]), atoi(d[6:])) || preceded(text, m.start, passportKeywords...) {
			out = append(out, mask(m))
		}
	}
	for _, m := range matches(passportTagged, text, true) {
		if preceded(text, m.start, passportKeywords...) {
			out = append(out, mask(m))
		}
	}
	return out
}

var (
	// accountGrouped is any hyphenated number of two to four groups; its
	// group lengths must be a bank's format (accountFormats).
	accountGrouped = regexp.MustCompile(`\d{3,6}(?:-\d{1,7}){1,3}`)
	// accountFormats are the group lengths of the common Korean formats:
	// KB국민·우체국·NH농협 6-2-6, 신한·케이뱅크 3-3-6, SC제일 3-2-6, 우리 4-3-6,
	// 하나 3-6-5, NH농협 3-4-4-2, IBK기업 3-6-2-3, 카카오뱅크 4-2-7, KB국민
	// (old) 3-2-4-3, 새마을금고 4-4-4-1.
	accountFormats = []string{"6-2-6", "3-3-6", "3-2-6", "4-3-6", "3-6-5", "3-4-4-2", "3-6-2-3", "4-2-7", "3-2-4-3", "4-4-4-1"}
	// accountTagged: after a bank word, also 10 to 14 digits run together
	// or grouped with spaces, and the 토스뱅크 4-4-4 format.
	accountTagged = regexp.MustCompile(`\d{3,6}(?:[-\s]\d{1,7}){1,3}|\d{10,14}`)
	// Bank names are matched through 은행 and 뱅크 (국민은행, 카카오뱅크):
	// 우리, 하나 and 국민 alone are everyday words.
	// 카뱅, 케뱅 and 토스 are how people name the internet banks in speech.
	accountKeywords = []string{"계좌", "통장", "입금", "송금", "이체", "은행", "뱅크", "농협", "우체국", "새마을금고",
		"신협", "수협", "카뱅", "케뱅", "토스", "account"}
)

// accounts finds bank account numbers; the last four digits stay
// (***-***-**6789). A grouped number led by a year (2026-123-456789) is a
// receipt or document number, and a number followed by a unit (원, 건) an
// amount or a count: neither is an account.
func accounts(in *input) []Finding {
	text := in.text
	var out []Finding
	for _, m := range numberMatches(accountGrouped, in, true) {
		if slices.Contains(accountFormats, groupLengths(m.groups[0])) && !yearLed(m.groups[0]) && !unitAfter(text, m.end) {
			out = append(out, m.finding(BankAccountNumber, starDigits(m.groups[0], 4)))
		}
	}
	for _, m := range numberMatches(accountTagged, in, true) {
		d := m.groups[0]
		if len(onlyDigits(d)) >= 10 && !(yearLed(d) && d != onlyDigits(d)) && !unitAfter(text, m.end) &&
			preceded(text, m.start, accountKeywords...) {
			out = append(out, m.finding(BankAccountNumber, starDigits(m.groups[0], 4)))
		}
	}
	return out
}

// groupLengths describes a grouped number by its group lengths: "6-2-6".
func groupLengths(s string) string {
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == ' ' })
	lens := make([]string, len(groups))
	for i, g := range groups {
		lens[i] = string(rune('0' + len(g)))
	}
	return strings.Join(lens, "-")
}

// yearLed reports whether a number starts with a four-digit year group
// (1900–2099) followed by a separator.
func yearLed(s string) bool {
	if len(s) < 5 || (s[4] != '-' && s[4] != ' ') {
		return false
	}
	y := onlyDigits(s[:4])
	return len(y) == 4 && (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20"))
}

// units that make a number an amount, a count or a date part.
var units = []string{"원", "만", "억", "천", "개", "명", "건", "년", "월", "일", "회", "%"}

// unitAfter reports whether a unit follows the number at byte offset end
// (spaces allowed between).
func unitAfter(text string, end int) bool {
	rest := strings.TrimLeft(text[end:], " ")
	for _, u := range units {
		if strings.HasPrefix(rest, u) {
			return true
		}
	}
	return false
}

// letterBeforeDigit reports whether a Latin letter is followed by a digit
// anywhere in text (a passport number needs one; after 여권 it may be
// typed in lower case).
func letterBeforeDigit(text string) bool {
	for i := 1; i < len(text); i++ {
		if digitAt(text, i) && letterAt(text, i-1) {
			return true
		}
	}
	return false
}

// platePattern is a vehicle registration plate: two or three digits, the
// use syllable (가–주 private, 바사아자 commercial, 하허호 rental, 배
// delivery) and four digits, a space allowed around the syllable. A plate
// names its owner to anyone who can ask the registry.
var platePattern = regexp.MustCompile(`(\d{2,3})\s?([가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주하허호배바사아자])\s?\d{4}`)

// plates finds vehicle plates and keeps their first part: 12가 ****. A
// number followed by a unit (25조 1234억) is an amount.
func plates(in *input) []Finding {
	var out []Finding
	for _, m := range matches(platePattern, in.text, true) {
		if unitAfter(in.text, m.end) {
			continue
		}
		out = append(out, m.finding(VehiclePlate, m.groups[1]+m.groups[2]+" ****"))
	}
	return out
}
