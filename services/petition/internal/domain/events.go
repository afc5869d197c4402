package domain

import "time"

// Event is a fact the service publishes (internal/events encodes each to
// its subject and events.proto message). Events carry ids, codes and times,
// never personal data or texts: the citizen is an opaque subject id.
type Event interface{ isEvent() }

// ComplaintChanged is one step of a complaint: Kind is the verb of
// seoul.petition.complaint.<kind> (received, assigned, extended, …) and
// Detail says more (the origin, the department, granted or refused). The
// rest is the complaint as the step left it.
type ComplaintChanged struct {
	Kind, Detail   string
	ComplaintID    string
	ReceiptNumber  string
	Department     string
	CitizenSubject string
	Type           string
	DueAt, At      time.Time
}

// OpinionSubmitted is an opinion sent to the Mayor's office (A6.1).
type OpinionSubmitted struct {
	OpinionID, CitizenSubject string
	At                        time.Time
}

func (ComplaintChanged) isEvent() {}
func (OpinionSubmitted) isEvent() {}
