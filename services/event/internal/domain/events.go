package domain

import "time"

// Event is a fact the service publishes (internal/events encodes each to
// its subject and events.proto message). Events carry ids, codes, hashes
// and times, never personal data or texts: a citizen is an opaque subject
// id. The aggregates record them where the rule is decided; the store
// writes them to the outbox in the transaction of the change.
type Event interface{ isEvent() }

// ParticipationEventChanged is a step of a participation event's life:
// announced, opened or closed (Status is the status it reached). The rest
// is the participation event as the step left it.
type ParticipationEventChanged struct {
	EventID          string
	Status           Status
	DepartmentCode   string
	Purpose          Purpose
	AnnouncementHash string
	EntryListDigest  string
	EntryCount       int
	At               time.Time
}

// DrawCommitted is the commitment to the draw seed, made at the
// announcement before the first entry can exist (A7).
type DrawCommitted struct {
	EventID, SeedCommitment string
	At                      time.Time
}

// EntryCreated is a citizen's accepted entry.
type EntryCreated struct {
	EventID, EntryID, SubjectID string
	At                          time.Time
}

// WinnersDrawn is the draw: how many won and the revealed seed (hex).
type WinnersDrawn struct {
	EventID     string
	WinnerCount int
	SeedHex     string
	At          time.Time
}

// PrizeAwarded is one winner's prize (the mileage service credits mileage
// prizes, A7.2 with A8.1).
type PrizeAwarded struct {
	EventID, AwardID, PrizeID, SubjectID string
	PrizeKind                            PrizeKind
	UnitValue                            int64
	At                                   time.Time
}

// DrawSourceValueEntered is an official's entry of a draw source's public
// value; Confirmed once two officials agree (A7).
type DrawSourceValueEntered struct {
	EventID, SourceID string
	Confirmed         bool
	At                time.Time
}

func (ParticipationEventChanged) isEvent() {}
func (DrawCommitted) isEvent()             {}
func (EntryCreated) isEvent()              {}
func (WinnersDrawn) isEvent()              {}
func (PrizeAwarded) isEvent()              {}
func (DrawSourceValueEntered) isEvent()    {}

// Events returns what e recorded since it was loaded.
func (e *ParticipationEvent) Events() []Event { return e.events }

func (e *ParticipationEvent) record(ev Event) { e.events = append(e.events, ev) }

// recordChanged records the step e just took, as it left e.
func (e *ParticipationEvent) recordChanged(at time.Time) {
	e.record(ParticipationEventChanged{EventID: e.ID, Status: e.Status, DepartmentCode: e.Draft.DepartmentCode,
		Purpose: e.Draft.Purpose, AnnouncementHash: e.AnnouncementHash, EntryListDigest: e.EntryListDigest,
		EntryCount: e.EntryCount, At: at})
}

// Events returns what en recorded since it was made.
func (en *Entry) Events() []Event { return en.events }
