package domain

import (
	"github.com/seoul-gov/homepage/platform/errs"
	"regexp"
	"unicode/utf8"
)

// FieldFreeText names the original of a free text (StorePersonalText) in
// the reveal rules, revealed values and the access log. It is not a
// field of StorePersonalData: a subject has one value per field but one
// text per document.
const FieldFreeText = "free_text"

// MaxTextRunes bounds one stored text (the longest free text of the suite,
// a complaint's body, is 10,000 characters).
const MaxTextRunes = 20000

var documentRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_./:-]{0,199}$`)

// ValidDocument reports whether d names a document: lower-case letters,
// digits and _ . / : - (e.g. "petition/complaint/<uuid>/body").
func ValidDocument(d string) bool { return documentRe.MatchString(d) }

// CheckText reports what is wrong with a text's original, if anything.
func CheckText(text string) error {
	switch n := utf8.RuneCountInString(text); {
	case !utf8.ValidString(text):
		return errs.E(errs.KindInvalid, "NOT_UTF8")
	case n == 0:
		return errs.E(errs.KindInvalid, "REQUIRED")
	case n > MaxTextRunes:
		return errs.E(errs.KindInvalid, "TOO_LONG", "max", MaxTextRunes)
	}
	return nil
}

// CanStoreText decides who vaults a free text: only its author, the data
// subject (also through a service forwarding their token). Nobody writes
// into someone else's words.
func CanStoreText(a Actor, subjectID string) Decision {
	switch {
	case a.Anonymous():
		return Decision{false, "not signed in"}
	case a.Self(subjectID), a.FilesFor(subjectID):
		return Decision{true, "own text"}
	}
	return Decision{false, "only the author stores the original of their text"}
}

// CanRevealText adds to CanReveal for a text bound to a case: anyone but
// its subject must reveal it under that very case, so a grant in one of a
// citizen's complaints does not open the texts of another.
func CanRevealText(a Actor, subjectID, textCase, caseRef string) Decision {
	if textCase == "" || a.Self(subjectID) || textCase == caseRef {
		return Decision{true, "text of case " + textCase}
	}
	return Decision{false, "the text belongs to case " + textCase + ", not " + caseRef}
}
