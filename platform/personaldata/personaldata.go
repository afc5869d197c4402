// Package personaldata finds personal data in Korean free text and masks
// it. It is the suite's one detector (A10.1, A10.4): every service runs what
// people type — posts, complaints, answers, comments — through Mask before
// storing or publishing it, so "masked" means the same everywhere.
//
// It recognises resident and foreigner registration numbers, mobile,
// landline and 050 numbers, e-mail addresses, payment card numbers (Luhn),
// bank account numbers in the common Korean formats, passport and driver's
// licence numbers, detailed street addresses (a road or lot with its
// building number and a unit), vehicle plates, and names where the text
// introduces or signs one (이름: 홍길동, 저는 홍길동입니다, 홍길동 드림).
// Numbers that only look alike — dates, amounts, years, receipt and case
// numbers — are left alone: each kind checks what it can (a calendar date
// and a check digit, a Luhn sum, an area code, a licence region) and some
// need a keyword nearby (계좌, 여권, 면허) when the shape alone would be
// ambiguous. README.md lists the rules and
// the masks; the corpus test measures precision and recall per kind.
//
// The package is pure (no I/O) and safe for concurrent use.
package personaldata

import (
	"slices"
	"strings"
)

// Kind is a kind of personal data. The values are stable: services store
// them and show them to citizens.
type Kind string

// The kinds, in the order they win when two findings overlap.
const (
	EmailAddress                Kind = "email_address"
	ResidentRegistrationNumber  Kind = "resident_registration_number"
	ForeignerRegistrationNumber Kind = "foreigner_registration_number"
	CardNumber                  Kind = "card_number"
	DriverLicenceNumber         Kind = "driver_licence_number"
	PhoneNumber                 Kind = "phone_number"
	PassportNumber              Kind = "passport_number"
	BankAccountNumber           Kind = "bank_account_number"
	StreetAddress               Kind = "street_address"
	VehiclePlate                Kind = "vehicle_plate"
	PersonName                  Kind = "person_name"
)

// Version is the detector's version. Raise it when the detector finds
// more than before (a new kind, a new way of writing one): every service
// then screens its stored free text again at start (package rescreen).
// 2: numbers and addresses written out in words (spelled.go).
// 3: registration numbers in words; dashes pasted from documents; names
// where the text introduces or signs one (names.go); vehicle plates.
const Version = 3

// AllKinds lists every kind, in priority order.
var AllKinds = []Kind{EmailAddress, ResidentRegistrationNumber, ForeignerRegistrationNumber, CardNumber,
	DriverLicenceNumber, PhoneNumber, PassportNumber, BankAccountNumber, StreetAddress, VehiclePlate, PersonName}

func priority(k Kind) int { return slices.Index(AllKinds, k) }

// Finding is one piece of personal data found in a text.
type Finding struct {
	Kind Kind
	// Start and End are the byte offsets of the match in the text that was
	// screened (after full-width digits were folded to ASCII).
	Start, End int
	// Masked is what replaces the match in Result.Text.
	Masked string
}

// Result is a screened text.
type Result struct {
	// Text is the text with every finding replaced by its mask. It is what
	// may be stored or shown.
	Text     string
	Findings []Finding
}

// Masked reports whether anything was masked.
func (r Result) Masked() bool { return len(r.Findings) > 0 }

// Kinds lists the distinct kinds found, in priority order.
func (r Result) Kinds() []Kind {
	var out []Kind
	for _, k := range AllKinds {
		if slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Kind == k }) {
			out = append(out, k)
		}
	}
	return out
}

// Mask finds personal data in text and returns the text with each finding
// masked. Masking a masked text changes nothing.
func Mask(text string) Result { return MaskKnowing(text) }

// MaskKnowing is Mask that also finds, anywhere in the text, the names the
// caller knows belong to the people it is about — a complaint's contact
// name, an entrant's — where Mask finds a name only where the text
// introduces or signs one.
func MaskKnowing(text string, names ...string) Result {
	text = foldDigits(text)
	found := resolve(append(detect(text), knownNames(text, names)...))
	if len(found) == 0 {
		return Result{Text: text}
	}
	var b strings.Builder
	last := 0
	for _, f := range found {
		b.WriteString(text[last:f.Start])
		b.WriteString(f.Masked)
		last = f.End
	}
	b.WriteString(text[last:])
	return Result{Text: b.String(), Findings: found}
}

// input is a text with what the detectors share: the runs of digits and
// separators numbers are looked for in (see numberRuns).
type input struct {
	text string
	runs [][2]int
}

// detector finds candidates of one or more kinds in a text.
type detector func(in *input) []Finding

var detectors = []detector{emails, registrationNumbers, cards, licences, phones, passports, accounts, addresses, complexShorthands, plates}

// wordDetectors find what is written in words — numbers spelled out
// (spelled.go), names (names.go) — so they run on texts with no digit or @
// as well.
var wordDetectors = []detector{spelledPhones, spelledEmails, spelledRegistrations, personNames}

func detect(text string) []Finding {
	in := &input{text: text, runs: numberRuns(text)}
	var all []Finding
	for _, d := range wordDetectors {
		all = append(all, d(in)...)
	}
	if len(in.runs) == 0 && !strings.Contains(text, "@") {
		return all
	}
	for _, d := range detectors {
		all = append(all, d(in)...)
	}
	return all
}

// resolve keeps, among overlapping candidates, the one of the kind with the
// higher priority (the longer one within a kind) and returns the kept ones
// in text order.
func resolve(cands []Finding) []Finding {
	slices.SortStableFunc(cands, func(a, b Finding) int {
		if d := priority(a.Kind) - priority(b.Kind); d != 0 {
			return d
		}
		return (b.End - b.Start) - (a.End - a.Start)
	})
	var kept []Finding
	for _, c := range cands {
		if !slices.ContainsFunc(kept, func(k Finding) bool { return c.Start < k.End && k.Start < c.End }) {
			kept = append(kept, c)
		}
	}
	slices.SortFunc(kept, func(a, b Finding) int { return a.Start - b.Start })
	return kept
}

// Screening collects what was found over the several texts of one
// resource (a complaint's title, body and address), for the field that
// tells the author their text was masked.
type Screening struct {
	// Known are names the author gave in a form beside the texts (a
	// complaint's contact name): masked wherever a text has them.
	Known []string
	kinds []Kind
}

// Mask masks text and remembers the kinds found.
func (s *Screening) Mask(text string) string {
	r := MaskKnowing(text, s.Known...)
	for _, k := range r.Kinds() {
		if !slices.Contains(s.kinds, k) {
			s.kinds = append(s.kinds, k)
		}
	}
	return r.Text
}

// Masked reports whether any text was masked.
func (s *Screening) Masked() bool { return len(s.kinds) > 0 }

// Kinds lists the distinct kinds found so far, in priority order.
func (s *Screening) Kinds() []Kind {
	return slices.SortedFunc(slices.Values(s.kinds), func(a, b Kind) int { return priority(a) - priority(b) })
}

// Names returns the kinds as strings, for storage and protos.
func Names(kinds []Kind) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// foldDigits turns full-width digits and hyphens into ASCII, so
// "０１０－１２３４－５６７８" is found like "010-1234-5678". The dashes word
// processors and phones put for a hyphen (‐ ‒ – — ―, the minus sign) become
// "-" where they stand between digits, so a number pasted from a document
// is found too; elsewhere they are prose and stay.
func foldDigits(text string) string {
	if !strings.ContainsFunc(text, func(r rune) bool { return fullWidthDigit(r) || r == '－' || isDash(r) }) {
		return text
	}
	rs := []rune(text)
	for i, r := range rs {
		switch {
		case fullWidthDigit(r):
			rs[i] = '0' + (r - '０')
		case r == '－' || isDash(r) && digitBeside(rs, i, -1) && digitBeside(rs, i, +1):
			rs[i] = '-'
		}
	}
	return string(rs)
}

func fullWidthDigit(r rune) bool { return r >= '０' && r <= '９' }

func isDash(r rune) bool {
	return r >= '\u2010' && r <= '\u2015' || r == '\u2212' || r == '\ufe58' || r == '\ufe63'
}

// digitBeside reports whether the first rune from i in direction step,
// past spaces, is a digit.
func digitBeside(rs []rune, i, step int) bool {
	for j := i + step; j >= 0 && j < len(rs); j += step {
		if rs[j] != ' ' {
			return rs[j] >= '0' && rs[j] <= '9' || fullWidthDigit(rs[j])
		}
	}
	return false
}
