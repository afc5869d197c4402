package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// lt is a localized text from language, text pairs.
func lt(kv ...string) *typev1.LocalizedText {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return &typev1.LocalizedText{Texts: m}
}

// TestA2_TermsInFourLanguagesWithStaleMarker: the terms of the service and
// the notice descriptions are served in Korean, English, Chinese and
// Japanese (language field, else Accept-Language); a new version carries
// the translations of each clause over, marked stale where its Korean text
// changed; republishing the version with the same Korean texts sets the
// translations; other Korean text under the version is refused, bad input
// names the field, and nothing is stored.
func TestA2_TermsInFourLanguagesWithStaleMarker(t *testing.T) {
	f := start(t)
	current := func(ctx context.Context, lang string) *mailv1.Terms {
		r, err := f.api.GetCurrentTerms(ctx, &mailv1.GetCurrentTermsRequest{Language: lang})
		require.NoError(t, err)
		return r
	}
	for lang, want := range map[string]string{"": "서울특별시 홈페이지 전자우편 서비스 이용약관", "en": "Terms of the City of Seoul homepage e-mail service",
		"zh-Hans": "首尔特别市网站电子邮件服务使用条款", "ja": "ソウル特別市ホームページ電子メールサービス利用約款"} {
		terms := current(t.Context(), lang)
		require.Equal(t, want, terms.GetTitle().GetText(), lang)
		for _, c := range terms.GetClauses() {
			require.Equal(t, typev1.TextState_TEXT_STATE_CURRENT, c.GetText().GetState(), "%s clause %s", lang, c.GetNumber())
		}
	}
	ja := metadata.AppendToOutgoingContext(t.Context(), "accept-language", "ja-JP,ja;q=0.9")
	require.Contains(t, current(ja, "").GetClauses()[0].GetText().GetText(), "第9条")
	fr := current(t.Context(), "fr").GetTitle()
	require.Equal(t, typev1.TextState_TEXT_STATE_UNTRANSLATED, fr.GetState())
	require.Equal(t, "ko", fr.GetLanguage())

	tpl, err := f.api.ListTemplates(t.Context(), &mailv1.ListTemplatesRequest{Language: "zh-CN"})
	require.NoError(t, err)
	require.Equal(t, "投诉受理通知", tpl.GetTemplates()[0].GetDescription().GetText())

	// Version 2.0: clause 1 gets a new Korean text with its English only;
	// clause 2 is kept as it was.
	admin := f.env.As(t, admin)
	v1 := current(t.Context(), "")
	_, err = f.api.PublishTerms(admin, &mailv1.PublishTermsRequest{Version: "2.0", Title: lt("ko", v1.GetTitleTexts().GetTexts()["ko"]),
		Clauses: []*mailv1.Clause{
			{Number: "1", TextTexts: lt("ko", "이 약관은 시의 전자우편 서비스 이용에 필요한 사항을 정합니다.", "en", "These terms govern the City's e-mail service.")},
			{Number: "2"}}})
	require.NoError(t, err)
	clauses := current(t.Context(), "zh").GetClauses()
	require.Equal(t, typev1.TextState_TEXT_STATE_STALE, clauses[0].GetText().GetState())
	require.Equal(t, "이 약관은 시의 전자우편 서비스 이용에 필요한 사항을 정합니다.", clauses[0].GetText().GetText(), "the Korean text, marked stale")
	require.Equal(t, typev1.TextState_TEXT_STATE_CURRENT, clauses[1].GetText().GetState(), "an unchanged clause keeps its translation")
	require.Equal(t, typev1.TextState_TEXT_STATE_CURRENT, current(t.Context(), "en").GetClauses()[0].GetText().GetState())

	// Translating 2.0: the same version and Korean texts, Chinese given.
	tr, err := f.api.PublishTerms(admin, &mailv1.PublishTermsRequest{Version: "2.0", Clauses: []*mailv1.Clause{
		{Number: "1", TextTexts: lt("zh", "本条款规定使用本市电子邮件服务所需的事项。")}, {Number: "2"}}})
	require.NoError(t, err)
	require.Equal(t, "本条款规定使用本市电子邮件服务所需的事项。", tr.GetTerms().GetClauses()[0].GetTextTexts().GetTexts()["zh"])
	require.Equal(t, "本条款规定使用本市电子邮件服务所需的事项。", current(t.Context(), "zh-Hans").GetClauses()[0].GetText().GetText())
	require.Equal(t, typev1.TextState_TEXT_STATE_STALE, current(t.Context(), "ja").GetClauses()[0].GetText().GetState())

	// Other Korean text under 2.0 is another version; bad input names its
	// fields; neither is stored.
	_, err = f.api.PublishTerms(admin, &mailv1.PublishTermsRequest{Version: "2.0", Clauses: []*mailv1.Clause{
		{Number: "1", TextTexts: lt("ko", "다른 글")}, {Number: "2"}}})
	servicetest.RequireCode(t, err, codes.AlreadyExists)
	_, err = f.api.PublishTerms(admin, &mailv1.PublishTermsRequest{Version: "3.0", Title: lt("ko", "ㅤ", "x y", "t"),
		Clauses: []*mailv1.Clause{{Number: "1", TextTexts: lt("en", "only English", "ja", strings.Repeat("約", 5001))}, {Number: "9", TextTexts: lt("en", "no Korean")}}})
	for _, field := range []string{"title.texts.ko", "title.texts.x y", "clauses[0].text_texts.texts.ja", "clauses[1].text_texts.texts.ko"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	var n int
	require.NoError(t, f.env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM terms WHERE version = '3.0'
		OR (version = '2.0' AND clauses::text LIKE '%다른 글%')`).Scan(&n))
	require.Zero(t, n)
}
