package events

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Subjects consumed to keep the case-bound reveal grants (A10.1).
const (
	complaintPrefix = "seoul.petition.complaint."
	// SubjectComplaintAssigned and the other complaint subjects carry
	// petitionv1.ComplaintEvent (stream PETITION).
	SubjectComplaintReceived    = complaintPrefix + "received"
	SubjectComplaintTriaged     = complaintPrefix + "triaged"
	SubjectComplaintAssigned    = complaintPrefix + "assigned"
	SubjectComplaintTransferred = complaintPrefix + "transferred"
	SubjectComplaintAnswered    = complaintPrefix + "answered"
	SubjectComplaintClosed      = complaintPrefix + "closed"
	SubjectComplaintReopened    = complaintPrefix + "reopened"
	// SubjectParticipationAnnounced carries eventv1.ParticipationEventChanged
	// and SubjectPrizeAwarded eventv1.PrizeAwarded (stream EVENT).
	SubjectParticipationAnnounced = "seoul.event.participation.announced"
	SubjectPrizeAwarded           = "seoul.event.prize.awarded"
	// SubjectRedemptionHeld and SubjectRedemptionSettled carry
	// mileagev1.RedemptionChanged (stream MILEAGE).
	SubjectRedemptionHeld    = "seoul.mileage.redemption.held"
	SubjectRedemptionSettled = "seoul.mileage.redemption.settled"
)

// AppOver returns the use cases over a database: the consumers pass their
// inbox transaction (pg.Joined), so a grant changes with the event's id
// recorded, exactly once.
type AppOver func(db pg.DB) *app.App

// ComplaintGrants keeps the complaint_handling grants: the dispatcher (the
// Mayor's office) while a complaint awaits assignment, then the department a
// complaint is assigned or transferred to, may reveal the complainant's
// contact data; a transfer out of the city revokes it; an answer or a
// closure starts the grace period. Exactly once per event (the consumer
// records the event id in the same transaction).
func ComplaintGrants(js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, over AppOver, dispatcher string) *consumer.Runner {
	cfg := consumer.Config{Service: "privacy", Name: "grants-petition", Stream: "PETITION", Subjects: []string{
		SubjectComplaintReceived, SubjectComplaintTriaged, SubjectComplaintAssigned, SubjectComplaintTransferred, SubjectComplaintAnswered,
		SubjectComplaintClosed, SubjectComplaintReopened,
	}}
	return consumer.New(cfg, js, pool, log, func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		var m petitionv1.ComplaintEvent
		if err := ev.Decode(&m); err != nil {
			return err
		}
		kind := ev.Subject[len(complaintPrefix):]
		return over(pg.Joined(tx)).ApplyComplaintChange(ctx, domain.ComplaintChange{
			Kind: kind, ComplaintID: m.GetComplaintId(), Department: m.GetDepartmentCode(),
			Subject: m.GetCitizenSubject(), Detail: m.GetDetail(), At: occurred(m.GetOccurTime()),
			Dispatcher: dispatcher,
		}, ev.ID)
	})
}

// PrizeGrants keeps the prize_delivery grants: the department running a
// participation event may reveal its winners' delivery data for a while
// after the award. The department comes from the announcement, in
// whichever order the two events arrive.
func PrizeGrants(js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, over AppOver) *consumer.Runner {
	cfg := consumer.Config{Service: "privacy", Name: "grants-event", Stream: "EVENT",
		Subjects: []string{SubjectParticipationAnnounced, SubjectPrizeAwarded}}
	return consumer.New(cfg, js, pool, log, func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		switch ev.Subject {
		case SubjectParticipationAnnounced:
			var m eventv1.ParticipationEventChanged
			if err := ev.Decode(&m); err != nil {
				return err
			}
			return over(pg.Joined(tx)).ApplyEventDepartment(ctx, m.GetEventId(), m.GetDepartmentCode(), occurred(m.GetOccurTime()))
		case SubjectPrizeAwarded:
			var m eventv1.PrizeAwarded
			if err := ev.Decode(&m); err != nil {
				return err
			}
			return over(pg.Joined(tx)).ApplyPrizeAwarded(ctx, m.GetEventId(), m.GetSubjectId(), occurred(m.GetOccurTime()), ev.ID)
		}
		return nil
	})
}

// RedemptionGrants keeps the redemption grants: while a mileage
// redemption is held, a partner registered for the purpose may reveal the
// citizen's card or account number; confirmation or voiding revokes it.
func RedemptionGrants(js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, over AppOver) *consumer.Runner {
	cfg := consumer.Config{Service: "privacy", Name: "grants-mileage", Stream: "MILEAGE",
		Subjects: []string{SubjectRedemptionHeld, SubjectRedemptionSettled}}
	return consumer.New(cfg, js, pool, log, func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		var m mileagev1.RedemptionChanged
		if err := ev.Decode(&m); err != nil {
			return err
		}
		return over(pg.Joined(tx)).ApplyRedemptionChange(ctx, domain.RedemptionChange{
			RedemptionID: m.GetRedemptionId(), Subject: m.GetSubjectId(), Held: ev.Subject == SubjectRedemptionHeld,
			At: occurred(m.GetOccurTime()), HoldExpiresAt: m.GetHoldExpireTime().AsTime()}, ev.ID)
	})
}

// occurred is the event's time, zero for a producer that left it out (the
// use case takes its clock's time then).
func occurred(ts *timestamppb.Timestamp) time.Time {
	if ts == nil || ts.GetSeconds() == 0 {
		return time.Time{}
	}
	return ts.AsTime().UTC()
}
