package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// WordList is one of the screening word lists (A5.5, A5.6).
type WordList string

// The lists.
const (
	ListProfanity   WordList = "profanity"
	ListAdvertising WordList = "advertising"
	ListAllow       WordList = "allow"
)

// ScreeningWord is a word of a list as moderators keep it.
type ScreeningWord struct {
	ID        string
	List      WordList
	Word      string
	Severity  float64
	Ground    string
	WordStart bool
	// Version is the lists' version that added the word.
	Version   int64
	CreatedAt time.Time
}

// WordAction is what a change to the lists did.
type WordAction string

// The actions.
const (
	WordAdded   WordAction = "added"
	WordRemoved WordAction = "removed"
)

// WordChange is one entry of the lists' audit trail.
type WordChange struct {
	Version          int64
	Action           WordAction
	Word             ScreeningWord
	ModeratorSubject string
	Reason           string
	At               time.Time
}

// SystemSubject is who seeded the initial lists.
const SystemSubject = "system"

const (
	maxWordRunes   = 30
	maxReasonRunes = 500
)

// ValidateNewWord checks a word to add, naming every bad field. The list
// must be chosen; a flagging list's word needs a severity in (0, 1]; the
// allow list's needs none.
func ValidateNewWord(w ScreeningWord, reason string) error {
	var v errs.Violations
	switch w.List {
	case ListProfanity, ListAdvertising:
		v.Check(w.Severity <= 0 || w.Severity > 1, "severity", "OUT_OF_RANGE", "min", "0.01", "max", "1")
	case ListAllow:
		v.Check(w.Severity != 0, "severity", "ALLOW_HAS_NO_SEVERITY")
	default:
		v.Add("list", "NOT_ONE_OF", "allowed", "SCREENING_LIST_PROFANITY, SCREENING_LIST_ADVERTISING, SCREENING_LIST_ALLOW")
	}
	checkText(&v, "word", w.Word, maxWordRunes)
	checkText(&v, "reason", reason, maxReasonRunes)
	return v.Err()
}

// ValidateReason checks the reason of a removal from the lists.
func ValidateReason(reason string) error {
	var v errs.Violations
	checkText(&v, "reason", reason, maxReasonRunes)
	return v.Err()
}
