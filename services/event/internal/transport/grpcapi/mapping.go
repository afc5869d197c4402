package grpcapi

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

var purposes = map[eventv1.Purpose]domain.Purpose{
	eventv1.Purpose_PURPOSE_POLICY_PROMOTION:  domain.PurposePolicyPromotion,
	eventv1.Purpose_PURPOSE_CULTURAL_EVENT:    domain.PurposeCulturalEvent,
	eventv1.Purpose_PURPOSE_COMMUNITY_SUPPORT: domain.PurposeCommunitySupport,
	eventv1.Purpose_PURPOSE_OTHER:             domain.PurposeOther,
}

var statuses = map[eventv1.Status]domain.Status{
	eventv1.Status_STATUS_DRAFT: domain.StatusDraft, eventv1.Status_STATUS_ANNOUNCED: domain.StatusAnnounced,
	eventv1.Status_STATUS_OPEN: domain.StatusOpen, eventv1.Status_STATUS_CLOSED: domain.StatusClosed,
	eventv1.Status_STATUS_DRAWN: domain.StatusDrawn,
}

var prizeKinds = map[eventv1.PrizeKind]domain.PrizeKind{
	eventv1.PrizeKind_PRIZE_KIND_GIFT_CERTIFICATE: domain.PrizeGiftCertificate,
	eventv1.PrizeKind_PRIZE_KIND_MILEAGE:          domain.PrizeMileage,
	eventv1.PrizeKind_PRIZE_KIND_GOODS:            domain.PrizeGoods,
}

var questionKinds = map[eventv1.QuestionKind]domain.QuestionKind{
	eventv1.QuestionKind_QUESTION_KIND_TEXT:   domain.QuestionText,
	eventv1.QuestionKind_QUESTION_KIND_CHOICE: domain.QuestionChoice,
}

// invert turns a proto→domain table around.
func invert[K comparable, V comparable](m map[K]V) map[V]K {
	out := make(map[V]K, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

var (
	purposeOut  = invert(purposes)
	statusOut   = invert(statuses)
	prizeOut    = invert(prizeKinds)
	questionOut = invert(questionKinds)
)

// textIn is a request's text: Korean, English and the others by their tag
// (validation names a bad tag as the request wrote it).
func textIn(t *eventv1.LocalizedText) domain.Text {
	texts := map[string]string{"ko": t.GetKo(), "en": t.GetEn()}
	for lang, s := range t.GetOthers() {
		texts[lang] = s
	}
	return domain.NewText(texts)
}

// textOut is a text for its editors, every language.
func textOut(t domain.Text) *eventv1.LocalizedText {
	out := &eventv1.LocalizedText{Ko: t.Texts["ko"], En: t.Texts["en"]}
	for lang, s := range t.Texts {
		if lang != "ko" && lang != "en" {
			if out.Others == nil {
				out.Others = map[string]string{}
			}
			out.Others[lang] = s
		}
	}
	return out
}

func timeIn(ts *timestamppb.Timestamp) time.Time {
	if ts == nil {
		return time.Time{}
	}
	return ts.AsTime()
}

func timeOut(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// draftIn maps a request draft; unknown enum values map to the zero value,
// which validation then names.
func draftIn(p *eventv1.ParticipationEventDraft) domain.Draft {
	d := domain.Draft{
		Purpose: purposes[p.GetPurpose()], Title: textIn(p.GetTitle()), Description: textIn(p.GetDescription()),
		DepartmentCode: p.GetDepartmentCode(), EntryStartsAt: timeIn(p.GetEntryStartTime()),
		EntryEndsAt: timeIn(p.GetEntryEndTime()), BudgetYear: int(p.GetBudgetYear()), Budget: p.GetBudget(),
		Eligibility: domain.Eligibility{RealNameRequired: p.GetEligibility().GetRealNameRequired(),
			Description: textIn(p.GetEligibility().GetDescription())},
		OperatingDetails: operatingIn(p.GetOperatingDetails()), DrawSources: sourcesIn(p.GetDrawSources()),
	}
	for _, q := range p.GetEntryForm().GetQuestions() {
		d.Questions = append(d.Questions, domain.Question{ID: q.GetId(), Text: textIn(q.GetText()),
			Kind: questionKinds[q.GetKind()], Required: q.GetRequired(), Choices: q.GetChoices()})
	}
	for _, pr := range p.GetPrizes() {
		d.Prizes = append(d.Prizes, domain.Prize{ID: pr.GetId(), Kind: prizeKinds[pr.GetKind()],
			Name: textIn(pr.GetName()), UnitValue: pr.GetUnitValue(), Count: int(pr.GetCount())})
	}
	return d
}

func operatingIn(o *eventv1.OperatingDetails) domain.OperatingDetails {
	out := domain.OperatingDetails{DrawAt: timeIn(o.GetDrawTime()), DeliveryMethod: textIn(o.GetDeliveryMethod()),
		Contact: o.GetContact(), Notes: textIn(o.GetNotes())}
	if o.GetWinnersAnnounceTime() != nil {
		t := timeIn(o.GetWinnersAnnounceTime())
		out.WinnersAnnouncedAt = &t
	}
	return out
}

func draftOut(d domain.Draft) *eventv1.ParticipationEventDraft {
	p := &eventv1.ParticipationEventDraft{
		Purpose: purposeOut[d.Purpose], Title: textOut(d.Title), Description: textOut(d.Description),
		DepartmentCode: d.DepartmentCode, EntryStartTime: timeOut(d.EntryStartsAt), EntryEndTime: timeOut(d.EntryEndsAt),
		Eligibility: &eventv1.Eligibility{RealNameRequired: d.Eligibility.RealNameRequired,
			Description: textOut(d.Eligibility.Description)},
		EntryForm:  &eventv1.EntryForm{},
		BudgetYear: int32(d.BudgetYear), Budget: d.Budget,
		OperatingDetails: &eventv1.OperatingDetails{DrawTime: timeOut(d.OperatingDetails.DrawAt),
			DeliveryMethod: textOut(d.OperatingDetails.DeliveryMethod), Contact: d.OperatingDetails.Contact,
			Notes: textOut(d.OperatingDetails.Notes)},
		DrawSources: sourcesOut(d.DrawSources),
	}
	if w := d.OperatingDetails.WinnersAnnouncedAt; w != nil {
		p.OperatingDetails.WinnersAnnounceTime = timeOut(*w)
	}
	for _, q := range d.Questions {
		p.EntryForm.Questions = append(p.EntryForm.Questions, &eventv1.Question{Id: q.ID, Text: textOut(q.Text),
			Kind: questionOut[q.Kind], Required: q.Required, Choices: q.Choices})
	}
	for _, pr := range d.Prizes {
		p.Prizes = append(p.Prizes, &eventv1.Prize{Id: pr.ID, Kind: prizeOut[pr.Kind], Name: textOut(pr.Name),
			UnitValue: pr.UnitValue, Count: int32(pr.Count)})
	}
	return p
}

// eventOut never carries the seed: it is revealed only through the draw
// inputs, after the draw.
// lang is the reader's language for the served texts.
func eventOut(e *domain.ParticipationEvent, lang string) *eventv1.ParticipationEvent {
	return &eventv1.ParticipationEvent{
		Id: e.ID, Draft: draftOut(e.Draft), Status: statusOut[e.Status], PrizeTotal: e.Draft.PrizeTotal(),
		AnnouncementHash: e.AnnouncementHash, AnnounceTime: timeOut(e.AnnouncedAt), SeedCommitment: e.SeedCommitment,
		OpenTime: timeOut(e.OpenedAt), CloseTime: timeOut(e.ClosedAt), EntryListDigest: e.EntryListDigest,
		EntryCount: int32(e.EntryCount), DrawTime: timeOut(e.DrawnAt), CreateTime: timeOut(e.CreatedAt),
		UpdateTime: timeOut(e.UpdatedAt), Etag: etag.Of(e.Revision), DrawAlgorithm: drawAlgorithm(e),
		Texts: textsOut(e.Draft, lang),
	}
}

// drawAlgorithm is fixed at announcement; a draft has none yet.
func drawAlgorithm(e *domain.ParticipationEvent) string {
	if !e.Public() {
		return ""
	}
	return e.DrawAlgorithm
}

func entryOut(en *domain.Entry) *eventv1.Entry {
	out := &eventv1.Entry{Id: en.ID, EventId: en.EventID, CreateTime: timeOut(en.CreatedAt),
		Won: en.WinnerID != "", PrizeId: en.PrizeID, WinnerId: en.WinnerID,
		PersonalDataMasked: len(en.PersonalDataKinds) > 0, PersonalDataKinds: en.PersonalDataKinds}
	for _, a := range en.Answers {
		out.Answers = append(out.Answers, &eventv1.Answer{QuestionId: a.QuestionID, Value: a.Value})
	}
	return out
}

func winnerOut(w domain.Winner) *eventv1.Winner {
	out := &eventv1.Winner{Id: w.ID, EventId: w.EventID, Rank: int32(w.Rank), EntryId: w.EntryID,
		MaskedName: w.MaskedName, PrizeId: w.PrizeID, PrizeKind: prizeOut[w.PrizeKind], UnitValue: w.UnitValue,
		Delivered: w.Delivered, DeliverTime: timeOut(w.DeliveredAt)}
	for _, t := range []string{w.Contact.Name, w.Contact.Phone} {
		if t != "" {
			out.ContactTokens = append(out.ContactTokens, t)
		}
	}
	return out
}
