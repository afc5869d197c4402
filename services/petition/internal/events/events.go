// Package events maps the petition service's domain events to the
// contracts of proto/seoul/petition/v1/events.proto and writes them to the
// transactional outbox. Payloads carry no personal data: the citizen is an
// opaque subject id.
package events

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
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

// AddComplaint writes ev about c to the outbox inside tx.
func AddComplaint(ctx context.Context, tx pgx.Tx, c *domain.Complaint, ev domain.Event, at time.Time) error {
	msg := &petitionv1.ComplaintEvent{
		ComplaintId: c.ID, ReceiptNumber: c.ReceiptNumber, DepartmentCode: c.Department,
		CitizenSubject: c.CitizenSubject, ComplaintType: c.Type, DueAt: timestamppb.New(c.Due.At),
		OccurredAt: timestamppb.New(at), Detail: ev.Detail,
	}
	if t, ok := domain.TypeByCode(c.Type); ok {
		msg.LegalBasis = t.LegalBasis
	}
	_, err := outbox.Add(ctx, tx, ComplaintSubject(ev.Kind), msg)
	return err
}

// AddOpinion writes opinion.received to the outbox inside tx.
func AddOpinion(ctx context.Context, tx pgx.Tx, o *domain.Opinion) error {
	_, err := outbox.Add(ctx, tx, SubjectOpinionReceived, &petitionv1.OpinionReceived{
		OpinionId: o.ID, CitizenSubject: o.CitizenSubject, OccurredAt: timestamppb.New(o.SubmittedAt),
	})
	return err
}
