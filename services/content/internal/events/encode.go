// Package events holds the content service's event contracts: its own
// domain events mapped to proto/seoul/content/v1/events.proto (encode is
// the only place that builds those messages, and Writer is what the store
// writes them to the outbox with, in the transaction of the change that
// caused them; they carry ids, department and kind, never bodies), and the
// consumers of other services' events that feed the department
// evaluation (consume.go).
package events

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Subjects published on the CONTENT stream.
const (
	SubjectItemPublished = "seoul.content.item.published"
	SubjectItemUpdated   = "seoul.content.item.updated"
	SubjectItemArchived  = "seoul.content.item.archived"
	SubjectItemStale     = "seoul.content.item.stale"
	SubjectFeedbackGiven = "seoul.content.feedback.given"
)

// Writer writes the service's domain events to the outbox.
var Writer = outbox.NewWriter(encode)

// encode maps a domain event to its subject and message. Confirmations of
// an item stay inside the service (its history), so they publish nothing.
func encode(e domain.Event) (string, proto.Message) {
	switch e := e.(type) {
	case domain.ItemChanged:
		return itemMessage(e)
	case domain.FeedbackGiven:
		return SubjectFeedbackGiven, &contentv1.FeedbackGiven{FeedbackId: e.ID, ItemId: e.ItemID,
			DepartmentCode: e.DepartmentCode, SubjectId: e.SubjectID, Helpful: e.Helpful,
			OccurTime: timestamppb.New(e.At)}
	}
	panic(fmt.Sprintf("events: unknown domain event %T", e))
}

func itemMessage(e domain.ItemChanged) (string, proto.Message) {
	at, kind, rev := timestamppb.New(e.At), string(e.Kind), int32(e.Revision)
	switch e.Action {
	case domain.ActionPublished:
		return SubjectItemPublished, &contentv1.ItemPublished{ItemId: e.ItemID, DepartmentCode: e.DepartmentCode,
			Kind: kind, Revision: rev, OccurTime: at}
	case domain.ActionUpdated:
		return SubjectItemUpdated, &contentv1.ItemUpdated{ItemId: e.ItemID, DepartmentCode: e.DepartmentCode,
			Kind: kind, Revision: rev, OccurTime: at}
	case domain.ActionArchived:
		return SubjectItemArchived, &contentv1.ItemArchived{ItemId: e.ItemID, DepartmentCode: e.DepartmentCode,
			Kind: kind, OccurTime: at}
	case domain.ActionBecameStale:
		return SubjectItemStale, &contentv1.ItemBecameStale{ItemId: e.ItemID, DepartmentCode: e.DepartmentCode,
			Kind: kind, ReviewTime: timestamppb.New(e.ReviewDue), OccurTime: at}
	}
	return "", nil
}
