package app

import (
	"time"

	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// MessageKind names a domain event this service publishes; its subject is
// seoul.event.<kind> (stream EVENT). internal/events encodes each kind as
// its message of proto/seoul/event/v1/events.proto.
type MessageKind string

// The domain events of participation events.
const (
	KindAnnounced     MessageKind = "participation.announced"
	KindOpened        MessageKind = "participation.opened"
	KindClosed        MessageKind = "participation.closed"
	KindEntryCreated  MessageKind = "entry.created"
	KindDrawCommitted MessageKind = "draw.committed"
	KindWinnersDrawn  MessageKind = "draw.drawn"
	KindPrizeAwarded  MessageKind = "prize.awarded"
	KindSourceEntered MessageKind = "draw.source_entered"
)

// Message is a domain event to publish through the outbox in the same
// transaction as the change that caused it. Which fields are set depends
// on Kind.
type Message struct {
	Kind   MessageKind
	Event  *domain.Event
	Entry  *domain.Entry
	Winner domain.Winner
	// WinnerCount and SeedHex describe a draw.
	WinnerCount int
	SeedHex     string
	// SourceID and Confirmed describe a draw source's value entry.
	SourceID  string
	Confirmed bool
	At        time.Time
}

func changed(kind MessageKind, e *domain.Event, at time.Time) Message {
	return Message{Kind: kind, Event: e, At: at}
}

func drawCommitted(e *domain.Event) Message {
	return Message{Kind: KindDrawCommitted, Event: e, At: e.CommittedAt}
}

func entryCreated(en *domain.Entry) Message {
	return Message{Kind: KindEntryCreated, Entry: en, At: en.CreatedAt}
}

func winnersDrawn(e *domain.Event, count int, seedHex string) Message {
	return Message{Kind: KindWinnersDrawn, Event: e, WinnerCount: count, SeedHex: seedHex, At: e.DrawnAt}
}

func prizeAwarded(w domain.Winner, at time.Time) Message {
	return Message{Kind: KindPrizeAwarded, Winner: w, At: at}
}

func sourceEntered(e *domain.Event, v domain.SourceValueEntry, confirmed bool) Message {
	return Message{Kind: KindSourceEntered, Event: e, SourceID: v.SourceID, Confirmed: confirmed, At: v.EnteredAt}
}
