package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// OpinionStatus is where an opinion stands.
type OpinionStatus string

const (
	OpinionReceived     OpinionStatus = "received"
	OpinionAcknowledged OpinionStatus = "acknowledged"
	OpinionConverted    OpinionStatus = "converted"
)

// Opinion is an opinion or proposal sent to the Mayor's office (A6.1).
type Opinion struct {
	ID             string
	CitizenSubject string // empty: anonymous
	RequestID      string
	Title, Body    string
	PublishConsent bool
	Status         OpinionStatus
	Contact        MaskedContact
	PersonalData   PersonalData
	ComplaintID    string
	TriageNote     string
	TriagedBy      string
	SubmittedAt    time.Time
	TriagedAt      time.Time
	// Revision counts every stored change; the etag is derived from it.
	Revision int64

	events []Event
}

// Receive records that the opinion arrived (published as opinion.received
// when it is stored).
func (o *Opinion) Receive() {
	o.events = append(o.events, OpinionSubmitted{OpinionID: o.ID, CitizenSubject: o.CitizenSubject, At: o.SubmittedAt})
}

// Events returns and clears the recorded events.
func (o *Opinion) Events() []Event {
	ev := o.events
	o.events = nil
	return ev
}

// OpinionDraft is a submission before validation.
type OpinionDraft struct {
	RequestID      string
	Title, Body    string
	PublishConsent bool
	Contact        Contact
}

// Check validates a draft; anonymous senders may not attach personal data
// because the privacy service keeps it per identified subject.
func (d OpinionDraft) Check(anonymous bool) error {
	var v errs.Violations
	CheckRequestID(&v, d.RequestID)
	checkText(&v, "title", d.Title, 1, 200)
	checkText(&v, "body", d.Body, 1, 10000)
	c := d.Contact.Normalize()
	if anonymous && !c.Empty() {
		v.Add("contact", "SIGN_IN_FOR_CONTACT")
	} else {
		c.Check(&v, "contact.", false)
	}
	return v.Err()
}

// Anonymous reports whether no identified person sent the opinion.
func (o *Opinion) Anonymous() bool { return o.CitizenSubject == "" }

// Acknowledge closes the opinion without an answer.
func (o *Opinion) Acknowledge(actor, note string, now time.Time) error {
	if o.Status != OpinionReceived {
		return errs.FailedPrecondition("OPINION_TRIAGED", "status", o.Status)
	}
	o.Status, o.TriageNote, o.TriagedBy, o.TriagedAt = OpinionAcknowledged, note, actor, now
	return nil
}

// Convert marks the opinion as having become complaint id. Only an
// identified sender can be a complainant (시행령 제2조).
func (o *Opinion) Convert(actor, note, complaintID string, now time.Time) error {
	if err := o.CheckConvertible(); err != nil {
		return err
	}
	o.Status, o.TriageNote, o.TriagedBy, o.TriagedAt, o.ComplaintID = OpinionConverted, note, actor, now, complaintID
	return nil
}

// CheckConvertible reports why the opinion cannot become a complaint.
func (o *Opinion) CheckConvertible() error {
	if o.Status != OpinionReceived {
		return errs.FailedPrecondition("OPINION_TRIAGED", "status", o.Status)
	}
	if o.Anonymous() || !o.Contact.Identified() {
		return errs.FailedPrecondition("OPINION_SENDER_UNCLEAR")
	}
	return nil
}
