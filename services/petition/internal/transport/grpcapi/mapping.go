package grpcapi

import (
	"github.com/seoul-gov/homepage/platform/etag"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// timeIn maps an absent timestamp to the zero time (reported as missing).
func timeIn(t *timestamppb.Timestamp) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.AsTime()
}

func contactIn(c *petitionv1.Contact) domain.Contact {
	return domain.Contact{Name: c.GetName(), Phone: c.GetPhone(), Email: c.GetEmail()}
}

func maskedOut(m domain.MaskedContact) *petitionv1.MaskedContact {
	if m == (domain.MaskedContact{}) {
		return nil
	}
	return &petitionv1.MaskedContact{Name: m.Name, Phone: m.Phone, Email: m.Email, Tokens: m.Tokens()}
}

var opinionStatus = map[domain.OpinionStatus]petitionv1.OpinionStatus{
	domain.OpinionReceived:     petitionv1.OpinionStatus_OPINION_STATUS_RECEIVED,
	domain.OpinionAcknowledged: petitionv1.OpinionStatus_OPINION_STATUS_ACKNOWLEDGED,
	domain.OpinionConverted:    petitionv1.OpinionStatus_OPINION_STATUS_CONVERTED,
}

func opinionOut(o *domain.Opinion) *petitionv1.Opinion {
	if o == nil {
		return nil
	}
	out := opinionFields(o)
	if o.PublishConsent && o.Status == domain.OpinionReceived {
		// Before the Mayor's office decides: what acknowledging will publish.
		out.PublicPreview = opinionFields(app.PublicOpinion(o))
	}
	return out
}

func opinionFields(o *domain.Opinion) *petitionv1.Opinion {
	return &petitionv1.Opinion{Etag: etag.Of(o.Revision), Id: o.ID, Title: o.Title, Body: o.Body, Status: opinionStatus[o.Status],
		PublishConsent: o.PublishConsent, Anonymous: o.Anonymous(), Contact: maskedOut(o.Contact),
		ComplaintId: o.ComplaintID, TriageNote: o.TriageNote, SubmitTime: ts(o.SubmittedAt), TriageTime: ts(o.TriagedAt),
		PersonalDataMasked: o.PersonalData.Masked(), PersonalDataKinds: o.PersonalData.Kinds,
		Originals: originalsOut(o.PersonalData.Originals)}
}

func originalsOut(list []domain.Original) []*petitionv1.OriginalText {
	out := make([]*petitionv1.OriginalText, len(list))
	for i, o := range list {
		out[i] = &petitionv1.OriginalText{Field: o.Field, Token: o.Token}
	}
	return out
}

var complaintStatus = map[domain.Status]petitionv1.ComplaintStatus{
	domain.StatusReceived:       petitionv1.ComplaintStatus_COMPLAINT_STATUS_RECEIVED,
	domain.StatusAssigned:       petitionv1.ComplaintStatus_COMPLAINT_STATUS_ASSIGNED,
	domain.StatusAnswered:       petitionv1.ComplaintStatus_COMPLAINT_STATUS_ANSWERED,
	domain.StatusTransferredOut: petitionv1.ComplaintStatus_COMPLAINT_STATUS_TRANSFERRED_OUT,
	domain.StatusClosedRepeated: petitionv1.ComplaintStatus_COMPLAINT_STATUS_CLOSED_REPEATED,
}

var extensionConsent = map[domain.ExtensionConsent]petitionv1.ExtensionConsent{
	domain.ConsentNotGiven: petitionv1.ExtensionConsent_EXTENSION_CONSENT_UNSPECIFIED,
	domain.ConsentGranted:  petitionv1.ExtensionConsent_EXTENSION_CONSENT_GRANTED,
	domain.ConsentRefused:  petitionv1.ExtensionConsent_EXTENSION_CONSENT_REFUSED,
}

func dueOut(d domain.DueDate) *petitionv1.DueDate {
	return &petitionv1.DueDate{DueTime: ts(d.At), HolidayTableVersion: int32(d.HolidayVersion), Period: d.Period.String(),
		Provisional: d.Provisional}
}

func answersOut(list []domain.Answer) []*petitionv1.Answer {
	out := make([]*petitionv1.Answer, 0, len(list))
	for _, a := range list {
		out = append(out, &petitionv1.Answer{Number: int32(a.Number), Body: a.Body, Refusal: a.Refusal,
			RefusalReasons: a.RefusalReasons, Remedies: a.Remedies, DepartmentCode: a.Department, AnswerTime: ts(a.AnsweredAt)})
	}
	return out
}

func complaintOut(c *domain.Complaint) *petitionv1.Complaint {
	if c == nil {
		return nil
	}
	out := &petitionv1.Complaint{Etag: etag.Of(c.Revision), Id: c.ID, ReceiptNumber: c.ReceiptNumber, ComplaintType: c.Type, Title: c.Title,
		Body: c.Body, Status: complaintStatus[c.Status], DepartmentCode: c.Department, HandlerSubject: c.Handler,
		OutsideAgency: c.OutsideAgency, PublishConsent: c.PublishConsent,
		Location: &petitionv1.Location{Lat: c.Location.Lat, Long: c.Location.Long, Address: c.Location.Address},
		Contact:  maskedOut(c.Contact), CitizenSubject: c.CitizenSubject, OpinionId: c.OpinionID,
		ReceiveTime: ts(c.ReceivedAt), Due: dueOut(c.Due), Answers: answersOut(c.Answers),
		Satisfaction: int32(c.Satisfaction), SatisfactionComment: c.SatisfactionComment,
		AnswerTime: ts(c.FirstAnsweredAt), UpdateTime: ts(c.UpdatedAt), ProgressNoticeTime: ts(c.ProgressNoticedAt),
		ClosureNote: c.ClosureNote, PersonalDataMasked: c.PersonalData.Masked(), PersonalDataKinds: c.PersonalData.Kinds,
		Originals: originalsOut(c.PersonalData.Originals), ExtensionConsent: extensionConsent[c.ExtensionConsent],
		ExtensionConsentTime: ts(c.ExtensionConsentAt)}
	if c.PublishConsent {
		out.PublicPreview = publicOut(c)
	}
	for _, e := range c.Extensions {
		out.Extensions = append(out.Extensions, &petitionv1.Extension{Number: int32(e.Number), Reason: e.Reason,
			Period: e.NewDue.Period.String(), PreviousDueTime: ts(e.PreviousDueAt), NewDue: dueOut(e.NewDue),
			ComplainantConsent: e.ComplainantConsent, ExtendTime: ts(e.ExtendedAt)})
	}
	for _, h := range c.History {
		out.History = append(out.History, &petitionv1.HistoryEntry{Action: h.Action, ActorSubject: h.Actor,
			FromDepartment: h.FromDepartment, ToDepartment: h.ToDepartment, Detail: h.Detail, OccurTime: ts(h.At)})
	}
	return out
}

// publicOut is a published complaint: no subject, no contact, no handler.
func publicOut(c *domain.Complaint) *petitionv1.PublicComplaint {
	return &petitionv1.PublicComplaint{ReceiptNumber: c.ReceiptNumber, ComplaintType: c.Type, Title: c.Title,
		Body: c.Body, DepartmentCode: c.Department, ReceiveTime: ts(c.ReceivedAt), Answers: answersOut(c.Answers)}
}
