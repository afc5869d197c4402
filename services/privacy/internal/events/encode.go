// Package events holds the privacy service's event contracts: the encoding
// of its own domain events for the outbox (encode.go; they carry opaque
// subject ids, never personal data), and the consumers of the petition,
// event and mileage services' events that decide the case-bound reveal
// grants (grants.go).
package events

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Writer writes the privacy service's domain events to the outbox; the
// store gets it injected.
var Writer = outbox.NewWriter(encode)

// encode is the one place a domain event becomes a message of
// events.proto on its subject.
func encode(e domain.Event) (string, proto.Message) {
	switch e := e.(type) {
	case domain.SubjectErased:
		return "seoul.privacy.subject.erased", &privacyv1.SubjectErased{SubjectId: e.SubjectID, OccurTime: timestamppb.New(e.At)}
	case domain.AccessLogAnchored:
		a := e.Anchor
		return "seoul.privacy.accesslog.anchored", &privacyv1.AccessLogAnchored{Number: a.Number, Seq: a.Seq,
			HeadHash: hex.EncodeToString(a.Head), AnchorTime: timestamppb.New(a.At), PreviousHash: hex.EncodeToString(a.Previous),
			Signature: base64.StdEncoding.EncodeToString(a.Signature)}
	case domain.ContractorGranted:
		return SubjectContractorGranted, contractorChanged(e.Grant, e.Grant.GrantedBy, e.Grant.CreatedAt)
	case domain.ContractorRevoked:
		return SubjectContractorRevoked, contractorChanged(e.Grant, e.Grant.RevokedBy, *e.Grant.RevokedAt)
	}
	panic(fmt.Sprintf("events: no encoding for %T", e))
}

// contractorChanged is a contractor grant as the services enforce it
// (A3.2), without the admins' reasons.
func contractorChanged(g domain.ContractorGrant, actor string, at time.Time) *privacyv1.ContractorGrantChanged {
	m := &privacyv1.ContractorGrantChanged{GrantId: g.ID, ContractorSubject: g.ContractorSubject, Company: g.Company,
		Service: g.Service, Role: g.Role, DepartmentCode: g.Department, BoardId: g.BoardID,
		StartTime: timestamppb.New(g.ValidFrom), EndTime: timestamppb.New(g.ValidUntil), ActorSubject: actor,
		OccurTime: timestamppb.New(at)}
	if g.RevokedAt != nil {
		m.RevokeTime = timestamppb.New(*g.RevokedAt)
	}
	return m
}
