package grpcapi

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/enummap"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// One table per enum: the domain value → its wire value, and back.
var (
	kinds = enummap.New(map[domain.Kind]contentv1.Kind{
		domain.KindPolicy: contentv1.Kind_KIND_POLICY, domain.KindWorkProgress: contentv1.Kind_KIND_WORK_PROGRESS,
		domain.KindLiving: contentv1.Kind_KIND_LIVING, domain.KindIndustry: contentv1.Kind_KIND_INDUSTRY,
		domain.KindCulture: contentv1.Kind_KIND_CULTURE, domain.KindTourism: contentv1.Kind_KIND_TOURISM,
		domain.KindPromotion: contentv1.Kind_KIND_PROMOTION, domain.KindOther: contentv1.Kind_KIND_OTHER,
	})
	statuses = enummap.New(map[domain.Status]contentv1.ItemStatus{
		domain.StatusDraft: contentv1.ItemStatus_ITEM_STATUS_DRAFT, domain.StatusInReview: contentv1.ItemStatus_ITEM_STATUS_IN_REVIEW,
		domain.StatusPublished: contentv1.ItemStatus_ITEM_STATUS_PUBLISHED, domain.StatusArchived: contentv1.ItemStatus_ITEM_STATUS_ARCHIVED,
	})
	textStates = enummap.New(map[domain.TextState]contentv1.TextState{
		domain.TextCurrent: contentv1.TextState_TEXT_STATE_CURRENT, domain.TextUntranslated: contentv1.TextState_TEXT_STATE_UNTRANSLATED,
		domain.TextStale: contentv1.TextState_TEXT_STATE_STALE,
	})
)

// kindOf maps the wire enum; unspecified becomes "" (required) and an
// unknown number a value the domain rejects as an unknown kind.
func kindOf(k contentv1.Kind) domain.Kind {
	if d, ok := kinds.From(k); ok || k == contentv1.Kind_KIND_UNSPECIFIED {
		return d
	}
	return domain.Kind(k.String())
}

// statusOf maps the wire enum; unspecified (and an unknown number) is "",
// which lists published items.
func statusOf(s contentv1.ItemStatus) domain.Status {
	d, _ := statuses.From(s)
	return d
}

func departmentProto(d domain.Department) *contentv1.Department {
	out := &contentv1.Department{Code: d.Code, NameKo: d.NameKo, NameEn: d.NameEn,
		ParentCode: d.ParentCode, Phone: d.Phone, Email: d.Email}
	if d.Revision > 0 { // read from the directory, not shown with an item
		out.Etag = etag.Of(d.Revision)
	}
	return out
}

// itemProto renders an item for a reader of lang: the served text with its
// marker (A2), the department with its contact (A4.2) and, for editors,
// every language's text.
func (s *Server) itemProto(it *domain.Item, lang string, editor bool) *contentv1.Item {
	served := it.Serve(lang)
	if lang == "" {
		lang = domain.Reference
	}
	out := &contentv1.Item{
		Id: it.ID, Slug: it.Slug, Kind: kinds.To(it.Kind), Status: statuses.To(it.Status),
		Department: departmentProto(it.Department), RequestedLanguage: lang,
		Text:      textProto(served.Language, served.Text),
		TextState: textStates.To(served.State), Tags: it.Tags, Attachments: attachmentsProto(it.Attachments),
		Revision: int32(it.Revision), Version: it.Version, CreateTime: ts(it.CreatedAt), UpdateTime: ts(it.UpdatedAt),
		PublishTime: ts(it.PublishedAt), LastVerifyTime: ts(it.LastVerifiedAt), NextReviewTime: ts(it.NextReviewDue),
		Stale: it.IsStale(s.now()), ViewCount: it.ViewCount,
		Feedback: feedbackSummaryProto(it.Feedback), Etag: etag.Of(it.Version),
	}
	for _, t := range it.Translations() {
		out.Translations = append(out.Translations, &contentv1.Translation{Language: t.Language, Stale: t.Stale})
	}
	if editor {
		out.Texts = textsProto(it.Texts)
	}
	return out
}

func textProto(lang string, t domain.Text) *contentv1.ItemText {
	return &contentv1.ItemText{Language: lang, Title: t.Title, Summary: t.Summary, Body: t.Body}
}

func textsProto(texts map[string]domain.Text) []*contentv1.ItemText {
	out := make([]*contentv1.ItemText, 0, len(texts))
	for _, l := range sortedLanguages(texts) {
		out = append(out, textProto(l, texts[l]))
	}
	return out
}

func attachmentsProto(atts []domain.Attachment) []*contentv1.Attachment {
	out := make([]*contentv1.Attachment, len(atts))
	for i, a := range atts {
		out[i] = &contentv1.Attachment{Name: a.Name, Url: a.URL, MediaType: a.MediaType, SizeBytes: a.SizeBytes}
	}
	return out
}

func attachmentsOf(atts []*contentv1.Attachment) []domain.Attachment {
	out := make([]domain.Attachment, len(atts))
	for i, a := range atts {
		out[i] = domain.Attachment{Name: a.GetName(), URL: a.GetUrl(), MediaType: a.GetMediaType(), SizeBytes: a.GetSizeBytes()}
	}
	return out
}

func feedbackSummaryProto(s domain.FeedbackSummary) *contentv1.FeedbackSummary {
	return &contentv1.FeedbackSummary{Helpful: s.Helpful, NotHelpful: s.NotHelpful}
}

func feedbackProto(f domain.Feedback) *contentv1.Feedback {
	return &contentv1.Feedback{Id: f.ID, ItemId: f.ItemID, Helpful: f.Helpful, Comment: f.Comment, CreateTime: ts(f.CreatedAt),
		PersonalDataMasked: len(f.PersonalDataKinds) > 0, PersonalDataKinds: f.PersonalDataKinds}
}

// ts leaves unset times unset rather than sending the year 1.
func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// timeOf reads an optional timestamp.
func timeOf(t *timestamppb.Timestamp) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.AsTime()
}
