package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/metadata"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

func texts(kv ...string) *typev1.LocalizedText {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return &typev1.LocalizedText{Texts: m}
}

func ruleOf(t *testing.T, r *mileagev1.Rules, action string) *mileagev1.EarningRule {
	t.Helper()
	for _, rule := range r.GetRules() {
		if rule.GetAction() == action {
			return rule
		}
	}
	t.Fatalf("no rule for %s", action)
	return nil
}

func itemOf(t *testing.T, items []*mileagev1.CatalogItem, id string) *mileagev1.CatalogItem {
	t.Helper()
	for _, it := range items {
		if it.GetItemId() == id {
			return it
		}
	}
	t.Fatalf("no item %s", id)
	return nil
}

// TestA2_RulesInFourLanguagesWithStaleMarker: the point table, the
// catalogue and how to redeem are served in Korean, English, Chinese and
// Japanese (language field, else Accept-Language); a language without a
// translation is the Korean text marked untranslated; a new Korean
// description carries the translations over marked stale, never served
// silently, until an admin translates it again.
func TestA2_RulesInFourLanguagesWithStaleMarker(t *testing.T) {
	t.Parallel()
	s := start(t)
	public := context.Background()
	get := func(ctx context.Context, lang string) *mileagev1.Rules {
		r, err := s.api.GetRules(ctx, &mileagev1.GetRulesRequest{Language: lang})
		require.NoError(t, err)
		return r
	}
	for lang, want := range map[string]string{"": "게시판 글 작성", "en": "Writing a board post", "zh-Hans": "撰写公告板帖子", "ja": "掲示板への投稿"} {
		r := get(public, lang)
		d := ruleOf(t, r, "post_created").GetDescription()
		require.Equal(t, want, d.GetText(), lang)
		require.Equal(t, typev1.TextState_TEXT_STATE_CURRENT, d.GetState(), lang)
		require.Equal(t, typev1.TextState_TEXT_STATE_CURRENT, r.GetHowToRedeem().GetState(), lang)
		require.Equal(t, typev1.TextState_TEXT_STATE_CURRENT, itemOf(t, r.GetCatalog(), "transit-topup").GetName().GetState(), lang)
	}
	byHeader := metadata.AppendToOutgoingContext(public, "accept-language", "ja;q=0.9, en;q=0.8")
	r := get(byHeader, "")
	require.Equal(t, "ja", r.GetHowToRedeem().GetLanguage())
	require.Equal(t, "公共自転車1日利用券", itemOf(t, r.GetCatalog(), "public-bike-pass").GetName().GetText())
	fr := ruleOf(t, get(public, "fr"), "post_created").GetDescription()
	require.Equal(t, typev1.TextState_TEXT_STATE_UNTRANSLATED, fr.GetState())
	require.Equal(t, "게시판 글 작성", fr.GetText())

	// A new version with only its Korean description: the translations are
	// kept, marked stale.
	_, err := s.api.PublishRule(s.admin(t), &mileagev1.PublishRuleRequest{Action: "post_created", Points: 100,
		DailyCap: 3, MonthlyCap: 30, WeightPercent: 100, Description: texts("ko", "게시판 글 작성(사진 포함)"), Reason: "문구 정비"})
	require.NoError(t, err)
	for _, lang := range []string{"en", "zh-CN", "ja"} {
		d := ruleOf(t, get(public, lang), "post_created").GetDescription()
		require.Equal(t, typev1.TextState_TEXT_STATE_STALE, d.GetState(), lang)
		require.Equal(t, "게시판 글 작성(사진 포함)", d.GetText(), "%s: the Korean text, marked stale", lang)
	}
	rule := ruleOf(t, get(public, ""), "post_created")
	require.Equal(t, "掲示板への投稿", rule.GetDescriptionTexts().GetTexts()["ja"], "editors still see the old translation")
	require.Contains(t, rule.GetDescription().GetTranslations(), &typev1.Translation{Language: "ja", Stale: true})

	// Translated again in the next version: Japanese is current, the rest
	// stays stale.
	s.clock.Advance(time.Minute)
	_, err = s.api.PublishRule(s.admin(t), &mileagev1.PublishRuleRequest{Action: "post_created", Points: 100,
		DailyCap: 3, MonthlyCap: 30, WeightPercent: 100, Description: texts("ja", "掲示板への投稿（写真付き）"), Reason: "일본어 번역"})
	require.NoError(t, err)
	require.Equal(t, "掲示板への投稿（写真付き）", ruleOf(t, get(public, "ja"), "post_created").GetDescription().GetText())
	require.Equal(t, typev1.TextState_TEXT_STATE_STALE, ruleOf(t, get(public, "en"), "post_created").GetDescription().GetState())
}

// TestA2_CatalogNamesTranslatedAndValidated: an admin's new Korean name
// leaves the translations not given with it stale; a bad language or a
// new item without its Korean name names the field and stores nothing.
func TestA2_CatalogNamesTranslatedAndValidated(t *testing.T) {
	t.Parallel()
	s := start(t)
	item := func(names *typev1.LocalizedText) *mileagev1.CatalogItem {
		return &mileagev1.CatalogItem{ItemId: "transit-topup", Channel: "transit", NameTexts: names, MinPoints: 1000,
			MaxPoints: 50000, StepPoints: 1000, RequiredField: "transit_card_number", Active: true, OrdinanceRef: "A8.1.1"}
	}
	put, err := s.api.PutCatalogItem(s.admin(t), &mileagev1.PutCatalogItemRequest{
		Item: item(texts("ko", "교통카드 충전 (버스·지하철·따릉이)", "en", "Transit card top-up (bus, subway, Ttareungyi)"))})
	require.NoError(t, err)
	require.Equal(t, "交通カードのチャージ（バス・地下鉄）", put.GetItem().GetNameTexts().GetTexts()["ja"])
	list, err := s.api.ListCatalogItems(context.Background(), &mileagev1.ListCatalogItemsRequest{Language: "en"})
	require.NoError(t, err)
	en := itemOf(t, list.GetCatalogItems(), "transit-topup").GetName()
	require.Equal(t, typev1.TextState_TEXT_STATE_CURRENT, en.GetState())
	require.Equal(t, "Transit card top-up (bus, subway, Ttareungyi)", en.GetText())
	list, err = s.api.ListCatalogItems(context.Background(), &mileagev1.ListCatalogItemsRequest{Language: "zh"})
	require.NoError(t, err)
	zh := itemOf(t, list.GetCatalogItems(), "transit-topup").GetName()
	require.Equal(t, typev1.TextState_TEXT_STATE_STALE, zh.GetState())
	require.Equal(t, "교통카드 충전 (버스·지하철·따릉이)", zh.GetText())

	before := s.count(t, `SELECT count(*) FROM catalog_items WHERE name::text LIKE '%따릉이%'`)
	_, err = s.api.PutCatalogItem(s.admin(t), &mileagev1.PutCatalogItemRequest{Item: item(texts("e n", "x", "ja", strings.Repeat("券", 100)))})
	servicetest.RequireInvalidField(t, err, "item.name_texts.texts.e n")
	servicetest.RequireInvalidField(t, err, "item.name_texts.texts.ja")
	_, err = s.api.PutCatalogItem(s.admin(t), &mileagev1.PutCatalogItemRequest{Item: item(texts("ko", " "))})
	servicetest.RequireInvalidField(t, err, "item.name_texts.texts.ko")
	fresh := item(texts("en", "Museum pass"))
	fresh.ItemId = "museum-pass"
	_, err = s.api.PutCatalogItem(s.admin(t), &mileagev1.PutCatalogItemRequest{Item: fresh})
	servicetest.RequireInvalidField(t, err, "item.name_texts.texts.ko")
	require.Equal(t, before, s.count(t, `SELECT count(*) FROM catalog_items WHERE name::text LIKE '%따릉이%'`))
	require.Zero(t, s.count(t, `SELECT count(*) FROM catalog_items WHERE id = 'museum-pass'`))
}
