package events

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// Writer writes the service's domain events to the outbox; the store gets
// it injected and writes what a unit of work recorded in its transaction.
var Writer = outbox.NewWriter(encode)

// encode maps a domain event to its subject (stream MILEAGE) and its
// message of proto/seoul/mileage/v1/events.proto: the only place that
// builds them. seoul.mileage.points.<verb> carries PointsChanged,
// seoul.mileage.redemption.<verb> RedemptionChanged.
func encode(e domain.Event) (string, proto.Message) {
	switch e := e.(type) {
	case domain.PointsAwarded:
		return points("awarded", e.PointsChange)
	case domain.PointsClawedBack:
		return points("clawed_back", e.PointsChange)
	case domain.PointsRedeemed:
		return points("redeemed", e.PointsChange)
	case domain.PointsExpired:
		return points("expired", e.PointsChange)
	case domain.PointsExpiring:
		return points("expiring", e.PointsChange)
	case domain.RedemptionOnHold:
		return redemption("held", e.RedemptionChange)
	case domain.RedemptionSettled:
		return redemption("settled", e.RedemptionChange)
	}
	panic(fmt.Sprintf("events: unknown domain event %T", e))
}

func points(verb string, c domain.PointsChange) (string, proto.Message) {
	msg := &mileagev1.PointsChanged{TransactionId: c.TransactionID, SubjectId: c.Subject, Points: c.Points,
		Reason: c.Reason, OccurTime: timestamppb.New(c.At)}
	if !c.ExpiresAt.IsZero() {
		msg.ExpireTime = timestamppb.New(c.ExpiresAt)
	}
	return messaging.Subject("mileage", "points", verb), msg
}

// redemption: the privacy service lets a partner reveal the citizen's card
// or account number only while the redemption is held.
func redemption(verb string, c domain.RedemptionChange) (string, proto.Message) {
	return messaging.Subject("mileage", "redemption", verb), &mileagev1.RedemptionChanged{RedemptionId: c.RedemptionID,
		SubjectId: c.Subject, Channel: c.Channel, Status: string(c.Status), OccurTime: timestamppb.New(c.At),
		HoldExpireTime: timestamppb.New(c.HoldExpiresAt)}
}
