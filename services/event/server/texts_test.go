package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
)

// TestA2_EventTextsInFourLanguagesWithStaleMarker: a participation event's
// public texts are served in Korean, English, Chinese and Japanese; when
// the Korean title changes with only its English translation, Chinese and
// Japanese readers get the Korean title marked stale (never the outdated
// translation silently), a missing translation is the Korean text marked
// untranslated; the language comes from the request or Accept-Language.
func TestA2_EventTextsInFourLanguagesWithStaleMarker(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	d := draft()
	d.Title = &eventv1.LocalizedText{Ko: "서울 빛초롱 축제 퀴즈", En: "Seoul Lantern Festival quiz",
		Others: map[string]string{"zh-Hans": "首尔灯笼节问答", "ja": "ソウル灯り祭りクイズ"}}
	d.Prizes[0].Name = &eventv1.LocalizedText{Ko: "온누리상품권", Others: map[string]string{"ja": "オンヌリ商品券"}}
	e := h.create(t, d)

	get := func(ctx context.Context, lang string) *eventv1.ParticipationEventTexts {
		r, err := h.api.GetParticipationEvent(ctx, &eventv1.GetParticipationEventRequest{EventId: e.GetId(), Language: lang})
		require.NoError(t, err)
		return r.GetTexts()
	}
	ctx := h.as(t, culture)
	for lang, want := range map[string]string{"": "서울 빛초롱 축제 퀴즈", "ko": "서울 빛초롱 축제 퀴즈", "en": "Seoul Lantern Festival quiz",
		"zh-CN": "首尔灯笼节问答", "ja": "ソウル灯り祭りクイズ"} {
		title := get(ctx, lang).GetTitle()
		require.Equal(t, want, title.GetText(), lang)
		require.Equal(t, typev1.TextState_TEXT_STATE_CURRENT, title.GetState(), lang)
	}
	prize := get(ctx, "en").GetPrizeNames()["gift"]
	require.Equal(t, "온누리상품권", prize.GetText())
	require.Equal(t, typev1.TextState_TEXT_STATE_UNTRANSLATED, prize.GetState())
	byHeader := metadata.AppendToOutgoingContext(ctx, "accept-language", "ja;q=0.9, en;q=0.8")
	require.Equal(t, "オンヌリ商品券", get(byHeader, "").GetPrizeNames()["gift"].GetText())

	_, err := h.api.UpdateParticipationEvent(ctx, &eventv1.UpdateParticipationEventRequest{EventId: e.GetId(),
		Draft:      &eventv1.ParticipationEventDraft{Title: &eventv1.LocalizedText{Ko: "서울 빛초롱 축제 정책 퀴즈", En: "Seoul Lantern Festival policy quiz"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title.ko", "title.en"}}})
	require.NoError(t, err)
	require.Equal(t, "Seoul Lantern Festival policy quiz", get(ctx, "en").GetTitle().GetText())
	for _, lang := range []string{"zh-Hans", "ja"} {
		title := get(ctx, lang).GetTitle()
		require.Equal(t, typev1.TextState_TEXT_STATE_STALE, title.GetState(), lang)
		require.Equal(t, "서울 빛초롱 축제 정책 퀴즈", title.GetText(), "%s: the Korean title, marked stale", lang)
	}

	list, err := h.api.ListParticipationEvents(ctx, &eventv1.ListParticipationEventsRequest{Language: "ja"})
	require.NoError(t, err)
	require.Equal(t, typev1.TextState_TEXT_STATE_STALE, list.GetParticipationEvents()[0].GetTexts().GetTitle().GetState())

	_, err = h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	doc, err := h.api.GetAnnouncement(context.Background(), &eventv1.GetAnnouncementRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Contains(t, doc.GetDocument(), `"title":{"texts":{"en":"Seoul Lantern Festival policy quiz","ja":"ソウル灯り祭りクイズ",`+
		`"ko":"서울 빛초롱 축제 정책 퀴즈","zh-Hans":"首尔灯笼节问答"},"revision":2,"based_on":{"en":2,"ja":1,"zh-Hans":1}}`,
		"the announcement holds every language and what each translation follows")
}

// TestA2_DraftsStoredBeforeLocalizationAreServed: a draft whose texts were
// stored in the earlier ko/en/others form is read and served as before.
func TestA2_DraftsStoredBeforeLocalizationAreServed(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	e := h.create(t, draft())
	_, err := h.env.Pool.Exec(context.Background(), `UPDATE participation_events
		SET draft = jsonb_set(draft, '{title}', '{"ko": "옛 제목", "en": "Old title", "others": {"ja": "古い題名"}}') WHERE id = $1`, e.GetId())
	require.NoError(t, err)
	r, err := h.api.GetParticipationEvent(h.as(t, culture), &eventv1.GetParticipationEventRequest{EventId: e.GetId(), Language: "ja"})
	require.NoError(t, err)
	require.Equal(t, "古い題名", r.GetTexts().GetTitle().GetText())
	require.Equal(t, "Old title", r.GetDraft().GetTitle().GetEn())
	_, err = h.api.AnnounceParticipationEvent(h.as(t, culture), &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
}
