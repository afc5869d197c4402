package domain

import (
	"errors"
	"math"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// Status is where a civil complaint stands.
type Status string

const (
	StatusReceived       Status = "received"
	StatusAssigned       Status = "assigned"
	StatusAnswered       Status = "answered"
	StatusTransferredOut Status = "transferred_out"
	StatusClosedRepeated Status = "closed_repeated"
)

// Open reports whether the complaint still runs against its due time.
func (s Status) Open() bool { return s == StatusReceived || s == StatusAssigned }

// Origin is where a complaint came in.
type Origin string

const (
	OriginWindow  Origin = "window"
	OriginOpinion Origin = "opinion"
	OriginOpen311 Origin = "open311"
	// OriginEmail is a complaint a citizen sent from their city mail ID to
	// the complaint address, filed by the mail service on their behalf.
	OriginEmail Origin = "email"
)

// Location is where the matter is (Open311), not where the citizen lives.
type Location struct {
	Lat, Long float64
	Address   string
}

// DueDate is a computed due time with the holiday table version used.
type DueDate struct {
	At             time.Time
	WarnAt         time.Time
	HolidayVersion int
	Period         clock.Period
	// From is when the period started counting (receipt, the previous due
	// time for an extension, the request for an additional answer), so a
	// provisional due date can be computed again.
	From time.Time
	// Provisional means the period runs past the holiday table: the days
	// beyond it were counted by weekends alone, and the date is computed
	// again when the table is amended.
	Provisional bool
}

// ComputeDue computes the due date of a period running from start. Past
// the table's end it never fails: it counts weekends alone there and marks
// the date provisional, because a complaint is never refused for the
// table's end (A6.2).
func ComputeDue(start time.Time, p clock.Period, cal *clock.Calendar) (DueDate, error) {
	d, err := computeDue(start, p, cal)
	if errors.Is(err, clock.ErrNotCovered) {
		d, err = computeDue(start, p, cal.Provisional())
		d.Provisional = true
	}
	if err != nil {
		return DueDate{}, notCovered(err)
	}
	return d, nil
}

func computeDue(start time.Time, p clock.Period, cal *clock.Calendar) (DueDate, error) {
	at, err := clock.Due(start, p, cal)
	if err != nil {
		return DueDate{}, err
	}
	warn, err := clock.WarnAt(start, p, cal)
	if err != nil {
		return DueDate{}, err
	}
	return DueDate{At: at, WarnAt: warn, HolidayVersion: cal.Version, Period: p, From: start}, nil
}

func notCovered(err error) error {
	return errs.Wrap(errs.KindFailedPrecondition, err, "HOLIDAY_TABLE_NOT_COVERING")
}

// Extension is one extension of the processing period.
type Extension struct {
	Number             int
	Reason             string
	PreviousDueAt      time.Time
	NewDue             DueDate
	ComplainantConsent bool
	ExtendedBy         string
	ExtendedAt         time.Time
}

// Answer is one answer to the complaint.
type Answer struct {
	Number         int
	Body           string
	Refusal        bool
	RefusalReasons string
	Remedies       string
	Department     string
	AnsweredBy     string
	AnsweredAt     time.Time
}

// HistoryEntry is one line of the audit trail.
type HistoryEntry struct {
	Action         string
	Actor          string
	FromDepartment string
	ToDepartment   string
	Detail         string
	At             time.Time
}

// Complaint is a civil complaint.
type Complaint struct {
	ID, ReceiptNumber   string
	Origin              Origin
	OpinionID           string
	CitizenSubject      string
	RequestID           string
	Type                string
	Title, Body         string
	PublishConsent      bool
	Location            Location
	Contact             MaskedContact
	PersonalData        PersonalData
	Status              Status
	Department, Handler string
	OutsideAgency       string
	ReceivedAt          time.Time
	Due                 DueDate
	Extensions          []Extension
	Answers             []Answer
	History             []HistoryEntry
	FirstAnsweredAt     time.Time
	AnsweredLate        bool
	Satisfaction        int
	SatisfactionComment string
	ClosureNote         string
	ProgressNoticedAt   time.Time
	// InterimNoticedAt is when the notice due 30 days after receipt was
	// given; a notice the complainant asked for does not stand in for it.
	InterimNoticedAt time.Time
	ReopenCount      int
	// ExtensionConsent is the complainant's answer to a further extension
	// of the period, and ExtensionConsentAt when they gave it.
	ExtensionConsent   ExtensionConsent
	ExtensionConsentAt time.Time
	UpdatedAt          time.Time
	// DueSoonAnnouncedAt and OverdueAnnouncedAt record that the current due
	// date was announced, so each is announced once.
	DueSoonAnnouncedAt time.Time
	OverdueAnnouncedAt time.Time
	// Revision counts every stored change; the etag is derived from it.
	Revision int64

	// steps are the changes recorded since load, published as
	// ComplaintChanged events by Events.
	steps []step
}

// step is a recorded change: the verb and its detail.
type step struct{ kind, detail string }

// ComplaintDraft is a submission before validation.
type ComplaintDraft struct {
	RequestID      string
	Type           string
	Title, Body    string
	Contact        Contact
	PublishConsent bool
	Location       Location
	// MailID is the city mail ID a complaint sent by e-mail came from; the
	// complainant is identified by it (a verified citizen's ID), so the
	// contact's name is optional and no phone or e-mail is asked for.
	MailID string
	// Account is the complainant's account in a machine client's system
	// (Open311 account_id), when a registered client files for a person.
	Account string
}

// Check validates a draft: a complainant must give a name and a contact,
// unless the complaint came from their city mail ID.
func (d ComplaintDraft) Check() error {
	var v errs.Violations
	CheckRequestID(&v, d.RequestID)
	if _, ok := TypeByCode(d.Type); !ok {
		v.Add("complaint_type", "NOT_ONE_OF", "allowed", TypeCodes())
	}
	checkText(&v, "title", d.Title, 1, 200)
	checkText(&v, "body", d.Body, 1, 10000)
	d.Contact.Normalize().Check(&v, "contact.", d.MailID == "")
	v.Check(d.MailID != "" && (len(d.MailID) > 254 || !emailPattern.MatchString(d.MailID)), "by_mail.mail_id", "EMAIL")
	checkLocation(&v, d.Location)
	return v.Err()
}

func checkLocation(v *errs.Violations, l Location) {
	v.Check(math.IsNaN(l.Lat) || l.Lat < -90 || l.Lat > 90, "location.lat", "OUT_OF_RANGE", "min", -90, "max", 90)
	v.Check(math.IsNaN(l.Long) || l.Long < -180 || l.Long > 180, "location.long", "OUT_OF_RANGE", "min", -180, "max", 180)
	checkText(v, "location.address", l.Address, 0, 300)
}

// NewComplaint receives a complaint at receivedAt and starts its clock.
func NewComplaint(id string, origin Origin, citizen string, typ ComplaintType, d ComplaintDraft,
	contact MaskedContact, receivedAt time.Time, cal *clock.Calendar) (*Complaint, error) {
	if citizen == "" || !(contact.Identified() || origin == OriginEmail && d.MailID != "") {
		return nil, errs.FailedPrecondition("COMPLAINANT_UNIDENTIFIED")
	}
	due, err := ComputeDue(receivedAt, typ.Period, cal)
	if err != nil {
		return nil, err
	}
	c := &Complaint{Revision: 1,
		ID: id, Origin: origin, CitizenSubject: citizen, RequestID: d.RequestID, Type: typ.Code,
		Title: strings.TrimSpace(d.Title), Body: strings.TrimSpace(d.Body), PublishConsent: d.PublishConsent,
		Location: d.Location, Contact: contact, Status: StatusReceived, ReceivedAt: receivedAt, Due: due,
		UpdatedAt: receivedAt,
	}
	c.record(step{"received", string(origin)}, HistoryEntry{Action: "received", Actor: citizen, Detail: string(origin), At: receivedAt})
	c.noteProvisional(citizen, receivedAt)
	if origin == OriginEmail {
		// Only in the history: events carry no addresses.
		c.History = append(c.History, HistoryEntry{Action: "filed_by_mail", Actor: citizen,
			Detail: "sent by e-mail from the mail ID " + d.MailID, At: receivedAt})
	}
	return c, nil
}

// record appends an audit line and a step to publish.
func (c *Complaint) record(s step, h HistoryEntry) {
	c.History = append(c.History, h)
	c.steps = append(c.steps, s)
	c.UpdatedAt = h.At
}

// Events returns and clears the events of the steps recorded since load,
// each with the complaint as it is now — read by the store after it
// numbered and saved the complaint, so a new complaint's event carries its
// receipt number.
func (c *Complaint) Events() []Event {
	out := make([]Event, 0, len(c.steps))
	for _, s := range c.steps {
		out = append(out, ComplaintChanged{Kind: s.kind, Detail: s.detail, ComplaintID: c.ID,
			ReceiptNumber: c.ReceiptNumber, Department: c.Department, CitizenSubject: c.CitizenSubject,
			Type: c.Type, DueAt: c.Due.At, At: c.UpdatedAt})
	}
	c.steps = nil
	return out
}

// FromOpinion links the complaint to the opinion the Mayor's office
// triaged into it.
func (c *Complaint) FromOpinion(actor, opinionID string, now time.Time) {
	c.OpinionID = opinionID
	c.record(step{"triaged", "opinion:" + opinionID},
		HistoryEntry{Action: "triaged", Actor: actor, Detail: "opinion " + opinionID, At: now})
}
