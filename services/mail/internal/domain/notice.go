package domain

import (
	"time"
)

// Status is a notice's delivery state.
type Status string

const (
	StatusPending    Status = "pending"
	StatusAccepted   Status = "accepted"
	StatusFailed     Status = "failed"
	StatusSuppressed Status = "suppressed"
)

// Failure causes (DeliveryFailed.reason).
const (
	FailureRejected  = "rejected"   // the SMTP server refused it permanently
	FailureExpired   = "expired"    // temporary failures outlasted the retry period
	FailureNoAddress = "no_address" // no address to send it to
)

// Recipient kinds, the prefix of Notice.Recipient.
const (
	RecipientSubject    = "subject:"
	RecipientAccount    = "account:"
	RecipientDepartment = "department:"
)

// Notice is one message of one template to one recipient, caused by one
// source event; (SourceEventID, Template, Recipient) is unique, so a
// redelivered event cannot send twice.
type Notice struct {
	ID               string
	SourceEventID    string
	SourceSubject    string
	SourceID         string
	Template         string
	Recipient        string
	RecipientSubject string
	// DepartmentCode is the department whose work the notice is about
	// (its reminders, a complaint it held, a notice its official sent);
	// empty for a citizen's own matters. Its officials may see the notice.
	DepartmentCode string
	Params         map[string]string
	Status         Status
	Attempts       int
	LastError      string
	Failure        string
	CreatedAt      time.Time
	NextAttemptAt  time.Time
	AcceptedAt     time.Time

	events []Event
}

// Events returns what happened to the notice since it was loaded: a
// DeliveryFailed when an attempt made delivery to an address fail for good,
// which the store announces (seoul.mail.delivery.failed) with the change.
func (n *Notice) Events() []Event { return n.events }

func (n *Notice) failed(now time.Time) {
	n.events = append(n.events, DeliveryFailed{NoticeID: n.ID, Template: n.Template, SourceSubject: n.SourceSubject,
		SourceID: n.SourceID, RecipientSubject: n.RecipientSubject, Reason: n.Failure, At: now})
}

// Viewer is who asks to see notices: a person (or machine client) and the
// department they work for, if any.
type Viewer struct{ Subject, Department string }

// VisibleTo reports whether v may see the notice (least privilege): its
// own recipient, and the officials of the department whose work it is
// about. Admins see every notice and are not asked.
func (n *Notice) VisibleTo(v Viewer) bool {
	return (v.Subject != "" && n.RecipientSubject == v.Subject) ||
		(v.Department != "" && n.DepartmentCode == v.Department)
}

// MessageID is the RFC 5322 Message-ID the notice is sent with: the same
// on every attempt, so a copy that a crash between the SMTP server's
// acceptance and our commit sent twice is recognisable as one message.
func (n *Notice) MessageID(domain string) string { return n.ID + "@" + domain }

// RetryPolicy says how long temporary failures are retried.
type RetryPolicy struct {
	// First is the delay after the first failure; it doubles up to Max.
	First, Max time.Duration
	// GiveUpAfter ends retries of refusals the server called temporary;
	// an unreachable server is retried for as long as it takes.
	GiveUpAfter time.Duration
}

// Accepted records that the SMTP server accepted the message.
func (n *Notice) Accepted(now time.Time) {
	n.Attempts++
	n.Status, n.AcceptedAt, n.LastError = StatusAccepted, now, ""
}

// Suppress records that the recipient turned the category off.
func (n *Notice) Suppress(now time.Time) {
	n.Status, n.LastError = StatusSuppressed, "recipient turned this category off"
}

// Fail records a permanent failure. A delivery that failed is announced;
// a notice with no address at all (a citizen who gave no e-mail, a
// department without an official's ID) is recorded and listed but not
// announced: nothing was tried that failed, and the service the notice is
// about already knows which contact it holds.
func (n *Notice) Fail(cause, detail string, now time.Time) {
	n.Attempts++
	n.Status, n.Failure, n.LastError = StatusFailed, cause, detail
	if cause != FailureNoAddress {
		n.failed(now)
	}
}

// Retry schedules the next attempt after a temporary failure. Refusals
// the server answered are given up after p.GiveUpAfter; an unreachable
// server (answered is false) never makes a notice expire, so nothing is
// lost while the server is down.
func (n *Notice) Retry(detail string, answered bool, p RetryPolicy, now time.Time) {
	n.Attempts++
	n.LastError = detail
	if answered && now.Sub(n.CreatedAt) >= p.GiveUpAfter {
		n.Status, n.Failure = StatusFailed, FailureExpired
		n.failed(now)
		return
	}
	delay := p.First
	for i := 1; i < n.Attempts && delay < p.Max; i++ {
		delay *= 2
	}
	n.NextAttemptAt = now.Add(min(delay, p.Max))
}
