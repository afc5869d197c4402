// Package events names the domain events the privacy service publishes
// (through the outbox) on its stream PRIVACY, and consumes the petition and
// event services' events that decide the case-bound reveal grants
// (grants.go). It publishes no personal data: only opaque subject ids.
package events

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
)

// SubjectErasedSubject tells other services to drop what they cached
// about an erased subject.
const SubjectErasedSubject = "seoul.privacy.subject.erased"

// SubjectErased is the event payload.
func SubjectErased(subjectID string, at *timestamppb.Timestamp) *privacyv1.SubjectErased {
	return &privacyv1.SubjectErased{SubjectId: subjectID, OccurredAt: at}
}
