package domain

import "time"

// Event is a fact other services must hear about, recorded by the
// aggregate that changed and written to the outbox in the transaction of
// the change. Events carry opaque ids and times only, never personal data.
type Event interface{ isEvent() }

// SubjectErased: a subject's data was crypto-shredded (A10.4); every
// service drops the tokens and masked views it keeps about them.
type SubjectErased struct {
	SubjectID string
	At        time.Time
}

func (SubjectErased) isEvent() {}

// recorder collects what a change of an aggregate produces besides its new
// state: domain events for the outbox and access-log entries, both written
// by the store in the change's transaction.
type recorder struct {
	events  []Event
	entries []AccessEntry
}

func (r *recorder) record(e Event) { r.events = append(r.events, e) }

// Audit adds access-log entries to write with the change.
func (r *recorder) Audit(entries ...AccessEntry) { r.entries = append(r.entries, entries...) }

// Events are the domain events the change recorded.
func (r *recorder) Events() []Event { return r.events }

// Audited are the access-log entries the change recorded.
func (r *recorder) Audited() []AccessEntry { return r.entries }
