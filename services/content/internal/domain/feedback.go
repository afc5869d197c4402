package domain

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
)

// MaxComment bounds a feedback comment.
const MaxComment = 2000

// Feedback is one citizen's opinion of a published item (A3.3). It is
// never changed after it is given, so scorecards over past periods can
// count it again and get the same figures.
type Feedback struct {
	ID             string
	ItemID         string
	DepartmentCode string
	// SubjectID is the citizen's opaque id from the token, never a name.
	SubjectID string
	Helpful   bool
	// Comment is stored with personal data masked; PersonalDataKinds names
	// what was masked (platform/personaldata kinds).
	Comment           string
	PersonalDataKinds []string
	CreatedAt         time.Time

	events []Event
}

// Events returns what giving the feedback announced.
func (f Feedback) Events() []Event { return f.events }

// FeedbackSummary aggregates opinions.
type FeedbackSummary struct {
	Helpful    int64
	NotHelpful int64
}

// Add counts one opinion.
func (s *FeedbackSummary) Add(helpful bool) {
	if helpful {
		s.Helpful++
	} else {
		s.NotHelpful++
	}
}

// NewFeedback validates a citizen's opinion of it.
func NewFeedback(id string, it *Item, subject string, helpful bool, comment string, now time.Time) (Feedback, error) {
	comment = strings.TrimSpace(comment)
	if utf8.RuneCountInString(comment) > MaxComment {
		return Feedback{}, errs.Invalid("comment", "TOO_LONG", "max", 2000)
	}
	if it.Status != StatusPublished {
		return Feedback{}, errs.NotFound("ITEM_NOT_FOUND", "id", it.ID)
	}
	f := Feedback{ID: id, ItemID: it.ID, DepartmentCode: it.DepartmentCode, SubjectID: subject,
		Helpful: helpful, Comment: comment, CreatedAt: now}
	f.events = []Event{FeedbackGiven{ID: id, ItemID: it.ID, DepartmentCode: it.DepartmentCode,
		SubjectID: subject, Helpful: helpful, At: now}}
	return f, nil
}

// FeedbackGiven is announced for every new opinion (mileage awards points
// to the subject); it never carries the comment.
type FeedbackGiven struct {
	ID             string
	ItemID         string
	DepartmentCode string
	SubjectID      string
	Helpful        bool
	At             time.Time
}

func (FeedbackGiven) isEvent() {}
