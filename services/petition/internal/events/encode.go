// Package events maps the petition service's domain events to the
// contracts of proto/seoul/petition/v1/events.proto — encode is the only
// place that builds those messages, and Writer is what the store writes
// them to the outbox with, in the transaction of the change — and consumes
// other services' events. Payloads carry no personal data: the citizen is
// an opaque subject id.
package events

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// Subjects published (stream PETITION).
const (
	SubjectOpinionReceived = "seoul.petition.opinion.received"
	complaintPrefix        = "seoul.petition.complaint."
)

// ComplaintSubject is the subject of a complaint event kind, e.g.
// seoul.petition.complaint.answered.
func ComplaintSubject(kind string) string { return complaintPrefix + kind }

// Writer writes the service's domain events to the outbox.
var Writer = outbox.NewWriter(encode)

// encode maps a domain event to its subject and message.
func encode(e domain.Event) (string, proto.Message) {
	switch e := e.(type) {
	case domain.ComplaintChanged:
		msg := &petitionv1.ComplaintEvent{
			ComplaintId: e.ComplaintID, ReceiptNumber: e.ReceiptNumber, DepartmentCode: e.Department,
			CitizenSubject: e.CitizenSubject, ComplaintType: e.Type, DueTime: timestamppb.New(e.DueAt),
			OccurTime: timestamppb.New(e.At), Detail: e.Detail,
		}
		if t, ok := domain.TypeByCode(e.Type); ok {
			msg.LegalBasis = t.LegalBasis
		}
		return ComplaintSubject(e.Kind), msg
	case domain.OpinionSubmitted:
		return SubjectOpinionReceived, &petitionv1.OpinionReceived{OpinionId: e.OpinionID,
			CitizenSubject: e.CitizenSubject, OccurTime: timestamppb.New(e.At)}
	}
	panic(fmt.Sprintf("events: unknown domain event %T", e))
}
