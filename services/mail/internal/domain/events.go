package domain

import "time"

// Event is a fact other services hear about. Aggregates record their
// events and the store writes them to the outbox in the transaction of the
// change; events carry ids, codes and times, never addresses or bodies.
type Event interface{ isEvent() }

// AccountChanged is a change of an e-mail ID (seoul.mail.account.<verb>).
type AccountChanged struct {
	AccountID, SubjectID, DepartmentCode string
	Kind                                 Kind
	// Verb is created, suspended, appeal_decided or closed.
	Verb     string
	Clause   string
	Decision string
	At       time.Time
}

// DeliveryFailed is a notice that could not be delivered to an address it
// was tried at (seoul.mail.delivery.failed).
type DeliveryFailed struct {
	NoticeID, Template, SourceSubject, SourceID, RecipientSubject string
	// Reason is FailureRejected or FailureExpired.
	Reason string
	At     time.Time
}

func (AccountChanged) isEvent() {}
func (DeliveryFailed) isEvent() {}
