package app

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// Subjects this service publishes (stream EVENT). Payloads are the
// messages of proto/seoul/event/v1/events.proto.
const (
	SubjectAnnounced     = "seoul.event.participation.announced"
	SubjectOpened        = "seoul.event.participation.opened"
	SubjectClosed        = "seoul.event.participation.closed"
	SubjectEntryCreated  = "seoul.event.entry.created"
	SubjectDrawCommitted = "seoul.event.draw.committed"
	SubjectWinnersDrawn  = "seoul.event.draw.drawn"
	SubjectPrizeAwarded  = "seoul.event.prize.awarded"
)

func changed(subject string, e *domain.Event, at time.Time) Message {
	return Message{Subject: subject, Payload: &eventv1.ParticipationEventChanged{
		EventId: e.ID, DepartmentCode: e.Draft.DepartmentCode, Purpose: string(e.Draft.Purpose),
		OccurredAt: timestamppb.New(at), AnnouncementHash: e.AnnouncementHash,
		EntryListDigest: e.EntryListDigest, EntryCount: int32(e.EntryCount),
	}}
}

func drawCommitted(e *domain.Event) Message {
	return Message{Subject: SubjectDrawCommitted, Payload: &eventv1.DrawCommitted{
		EventId: e.ID, SeedCommitment: e.SeedCommitment, OccurredAt: timestamppb.New(e.CommittedAt),
	}}
}

func entryCreated(en *domain.Entry) Message {
	return Message{Subject: SubjectEntryCreated, Payload: &eventv1.EntryCreated{
		EventId: en.EventID, EntryId: en.ID, SubjectId: en.SubjectID, OccurredAt: timestamppb.New(en.CreatedAt),
	}}
}

func winnersDrawn(e *domain.Event, count int, seedHex string) Message {
	return Message{Subject: SubjectWinnersDrawn, Payload: &eventv1.WinnersDrawn{
		EventId: e.ID, WinnerCount: int32(count), OccurredAt: timestamppb.New(e.DrawnAt), Seed: seedHex,
	}}
}

// prizeAwarded carries points only for mileage prizes: the mileage service
// credits them (A7.2 with A8.1).
func prizeAwarded(w domain.Winner, at time.Time) Message {
	var points int64
	if w.PrizeKind == domain.PrizeMileage {
		points = w.UnitValue
	}
	return Message{Subject: SubjectPrizeAwarded, Payload: &eventv1.PrizeAwarded{
		EventId: w.EventID, PrizeId: w.PrizeID, SubjectId: w.SubjectID, PrizeKind: string(w.PrizeKind),
		Points: points, OccurredAt: timestamppb.New(at), AwardId: w.ID, UnitValue: w.UnitValue,
	}}
}
