package events

import (
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Writer writes the mail service's domain events to the outbox; the store
// gets it at wiring.
var Writer = outbox.NewWriter(encode)

// encode maps a domain event to its subject and events.proto message: the
// only place those messages are built.
func encode(e domain.Event) (string, proto.Message) {
	switch e := e.(type) {
	case domain.AccountChanged:
		return messaging.Subject("mail", "account", e.Verb), &mailv1.AccountChanged{
			AccountId: e.AccountID, SubjectId: e.SubjectID, Kind: string(e.Kind), DepartmentCode: e.DepartmentCode,
			Clause: e.Clause, Decision: e.Decision, OccurTime: timestamppb.New(e.At)}
	case domain.DeliveryFailed:
		return messaging.Subject("mail", "delivery", "failed"), &mailv1.DeliveryFailed{
			NoticeId: e.NoticeID, Template: e.Template, SourceSubject: e.SourceSubject, SourceId: e.SourceID,
			RecipientSubject: e.RecipientSubject, Reason: e.Reason, OccurTime: timestamppb.New(e.At)}
	}
	return "", nil
}
