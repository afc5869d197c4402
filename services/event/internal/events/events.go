// Package events turns the event service's domain events (app.Message) into
// the messages of proto/seoul/event/v1/events.proto and their subjects, so
// the use cases stay free of wire types. No personal data leaves here:
// citizens are opaque subject ids. The privacy service's erasures are
// consumed through its client's ErasureConsumer (server.go).
package events

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// Subject is the NATS subject of kind.
func Subject(kind app.MessageKind) string { return "seoul.event." + string(kind) }

// Encode returns the subject and payload of m.
func Encode(m app.Message) (string, proto.Message, error) {
	at := timestamppb.New(m.At)
	switch m.Kind {
	case app.KindAnnounced, app.KindOpened, app.KindClosed:
		e := m.Event
		return Subject(m.Kind), &eventv1.ParticipationEventChanged{EventId: e.ID, DepartmentCode: e.Draft.DepartmentCode,
			Purpose: string(e.Draft.Purpose), OccurTime: at, AnnouncementHash: e.AnnouncementHash,
			EntryListDigest: e.EntryListDigest, EntryCount: int32(e.EntryCount)}, nil
	case app.KindDrawCommitted:
		return Subject(m.Kind), &eventv1.DrawCommitted{EventId: m.Event.ID, SeedCommitment: m.Event.SeedCommitment, OccurTime: at}, nil
	case app.KindEntryCreated:
		en := m.Entry
		return Subject(m.Kind), &eventv1.EntryCreated{EventId: en.EventID, EntryId: en.ID, SubjectId: en.SubjectID, OccurTime: at}, nil
	case app.KindWinnersDrawn:
		return Subject(m.Kind), &eventv1.WinnersDrawn{EventId: m.Event.ID, WinnerCount: int32(m.WinnerCount),
			OccurTime: at, Seed: m.SeedHex}, nil
	case app.KindPrizeAwarded:
		return Subject(m.Kind), prizeAwarded(m.Winner, at), nil
	case app.KindSourceEntered:
		return Subject(m.Kind), &eventv1.DrawSourceValueEntered{EventId: m.Event.ID, SourceId: m.SourceID,
			Confirmed: m.Confirmed, OccurTime: at}, nil
	}
	return "", nil, fmt.Errorf("unknown domain event kind %q", m.Kind)
}

// prizeAwarded carries points only for mileage prizes: the mileage service
// credits them (A7.2 with A8.1).
func prizeAwarded(w domain.Winner, at *timestamppb.Timestamp) *eventv1.PrizeAwarded {
	var points int64
	if w.PrizeKind == domain.PrizeMileage {
		points = w.UnitValue
	}
	return &eventv1.PrizeAwarded{EventId: w.EventID, PrizeId: w.PrizeID, SubjectId: w.SubjectID,
		PrizeKind: string(w.PrizeKind), Points: points, OccurTime: at, AwardId: w.ID, UnitValue: w.UnitValue}
}
