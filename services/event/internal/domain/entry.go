package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Answer answers one question of the entry form.
type Answer struct {
	QuestionID string `json:"question_id"`
	Value      string `json:"value"`
}

// Contact is the entrant's contact data; it only passes through this
// service on its way to the privacy service.
type Contact struct {
	Name  string
	Phone string
}

// ContactTokens are the privacy service's tokens for an entrant's contact.
type ContactTokens struct {
	Name  string
	Phone string
}

// Erased reports whether the tokens were cleared because the privacy
// service erased the subject (A10.4): every entry is stored with both
// tokens, and only the erasure clears them.
func (t ContactTokens) Erased() bool { return t.Name == "" && t.Phone == "" }

// ErasedName is shown instead of a winner's masked name once the privacy
// service erased the subject (A10.4).
const ErasedName = "(삭제된 이용자)"

// Entry is one citizen's entry.
type Entry struct {
	ID        string
	EventID   string
	SubjectID string
	Answers   []Answer
	Contact   ContactTokens
	// PersonalDataKinds are the kinds of personal data masked in the
	// answers (platform/personaldata), for the entrant.
	PersonalDataKinds []string
	// Pseudonym stands for the entrant in this participation event's
	// published draw; the id is derived from it and CreatedAt (v2).
	Pseudonym string
	CreatedAt time.Time
	// Result, set after the draw.
	WinnerID string
	PrizeID  string

	// events are the facts recorded since the entry was made (Events).
	events []Event
}

// ValidateEntry checks answers against the form and the contact.
func ValidateEntry(qs []Question, answers []Answer, c Contact) error {
	var v errs.Violations
	byID := map[string]Question{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	seen := map[string]bool{}
	for i, a := range answers {
		f := fmt.Sprintf("answers[%d]", i)
		q, ok := byID[a.QuestionID]
		v.Check(!ok, f+".question_id", "UNKNOWN_QUESTION")
		v.Check(seen[a.QuestionID], f+".question_id", "DUPLICATE")
		seen[a.QuestionID] = true
		v.Check(utf8.RuneCountInString(a.Value) > MaxAnswer, f+".value", "TOO_LONG", "max", MaxAnswer)
		CheckPlain(&v, f+".value", a.Value)
		if ok && q.Kind == QuestionChoice && a.Value != "" {
			v.Check(!slices.Contains(q.Choices, a.Value), f+".value", "NOT_A_CHOICE")
		}
	}
	for _, q := range qs {
		v.Check(q.Required && !answered(answers, q.ID), "answers", "QUESTION_REQUIRED", "question", q.ID)
	}
	v.Check(strings.TrimSpace(c.Name) == "" || utf8.RuneCountInString(c.Name) > 100, "contact.name", "NAME_FOR_DELIVERY", "max", 100)
	CheckPlain(&v, "contact.name", c.Name)
	v.Check(c.Phone == "" || !phoneLike(c.Phone), "contact.phone", "PHONE", "example", "010-1234-5678")
	return v.Err()
}

func answered(answers []Answer, id string) bool {
	for _, a := range answers {
		if a.QuestionID == id && strings.TrimSpace(a.Value) != "" {
			return true
		}
	}
	return false
}

func phoneLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == ' ':
		default:
			return false
		}
	}
	return digits >= 9 && digits <= 13
}

// CheckEligible applies the participation event's eligibility to a caller.
func CheckEligible(el Eligibility, realNameVerified bool) error {
	if el.RealNameRequired && !realNameVerified {
		return errs.PermissionDenied("REAL_NAME_VERIFIED_ONLY")
	}
	return nil
}

// Winner is one drawn entry and its prize.
type Winner struct {
	ID          string
	EventID     string
	Rank        int
	EntryID     string
	SubjectID   string
	MaskedName  string
	PrizeID     string
	PrizeKind   PrizeKind
	UnitValue   int64
	Contact     ContactTokens
	Delivered   bool
	DeliveredAt time.Time
	DeliveredBy string
	Note        string
}

// Deliver records delivery of a non-mileage prize (mileage prizes are
// credited by the mileage service and count as delivered when awarded).
func (w *Winner) Deliver(now time.Time, by, note string) (changed bool, err error) {
	var v errs.Violations
	v.Check(utf8.RuneCountInString(note) > MaxShortText, "note", "TOO_LONG", "max", MaxShortText)
	CheckPlain(&v, "note", note)
	if err := v.Err(); err != nil {
		return false, err
	}
	if w.Delivered {
		return false, nil
	}
	w.Delivered, w.DeliveredAt, w.DeliveredBy, w.Note = true, now, by, note
	return true, nil
}
