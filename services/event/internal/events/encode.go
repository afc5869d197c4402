// Package events maps the event service's domain events to the contracts
// of proto/seoul/event/v1/events.proto — encode is the only place that
// builds those messages, and Writer is what the store writes them to the
// outbox with, in the transaction of the change. No personal data leaves
// here: citizens are opaque subject ids. The privacy service's erasures
// are consumed through its client's ErasureConsumer (server.go).
package events

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// Subjects published (stream EVENT).
const (
	SubjectAnnounced     = "seoul.event.participation.announced"
	SubjectOpened        = "seoul.event.participation.opened"
	SubjectClosed        = "seoul.event.participation.closed"
	SubjectEntryCreated  = "seoul.event.entry.created"
	SubjectDrawCommitted = "seoul.event.draw.committed"
	SubjectWinnersDrawn  = "seoul.event.draw.drawn"
	SubjectPrizeAwarded  = "seoul.event.prize.awarded"
	SubjectSourceEntered = "seoul.event.draw.source_entered"
)

// changedSubjects are the subjects of the life-cycle steps, by the status
// reached.
var changedSubjects = map[domain.Status]string{
	domain.StatusAnnounced: SubjectAnnounced,
	domain.StatusOpen:      SubjectOpened,
	domain.StatusClosed:    SubjectClosed,
}

// Writer writes the service's domain events to the outbox.
var Writer = outbox.NewWriter(encode)

// encode maps a domain event to its subject and message.
func encode(e domain.Event) (string, proto.Message) {
	switch e := e.(type) {
	case domain.ParticipationEventChanged:
		subject, ok := changedSubjects[e.Status]
		if !ok {
			panic(fmt.Sprintf("events: no subject for a participation event that became %q", e.Status))
		}
		return subject, &eventv1.ParticipationEventChanged{EventId: e.EventID, DepartmentCode: e.DepartmentCode,
			Purpose: string(e.Purpose), OccurTime: timestamppb.New(e.At), AnnouncementHash: e.AnnouncementHash,
			EntryListDigest: e.EntryListDigest, EntryCount: int32(e.EntryCount)}
	case domain.DrawCommitted:
		return SubjectDrawCommitted, &eventv1.DrawCommitted{EventId: e.EventID, SeedCommitment: e.SeedCommitment,
			OccurTime: timestamppb.New(e.At)}
	case domain.EntryCreated:
		return SubjectEntryCreated, &eventv1.EntryCreated{EventId: e.EventID, EntryId: e.EntryID, SubjectId: e.SubjectID,
			OccurTime: timestamppb.New(e.At)}
	case domain.WinnersDrawn:
		return SubjectWinnersDrawn, &eventv1.WinnersDrawn{EventId: e.EventID, WinnerCount: int32(e.WinnerCount),
			OccurTime: timestamppb.New(e.At), Seed: e.SeedHex}
	case domain.PrizeAwarded:
		return SubjectPrizeAwarded, prizeAwarded(e)
	case domain.DrawSourceValueEntered:
		return SubjectSourceEntered, &eventv1.DrawSourceValueEntered{EventId: e.EventID, SourceId: e.SourceID,
			Confirmed: e.Confirmed, OccurTime: timestamppb.New(e.At)}
	}
	panic(fmt.Sprintf("events: unknown domain event %T", e))
}

// prizeAwarded carries points only for mileage prizes: the mileage service
// credits them (A7.2 with A8.1).
func prizeAwarded(e domain.PrizeAwarded) *eventv1.PrizeAwarded {
	var points int64
	if e.PrizeKind == domain.PrizeMileage {
		points = e.UnitValue
	}
	return &eventv1.PrizeAwarded{EventId: e.EventID, PrizeId: e.PrizeID, SubjectId: e.SubjectID,
		PrizeKind: string(e.PrizeKind), Points: points, OccurTime: timestamppb.New(e.At), AwardId: e.AwardID,
		UnitValue: e.UnitValue}
}
