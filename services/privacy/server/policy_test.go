package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
	"google.golang.org/grpc/metadata"
)

// TestA10_3_PolicyIsPostedVersionedAndPublic: a policy is in force from the
// first start; new versions take over at their effective date; the
// current one and the history are public; published text never changes.
func TestA10_3_PolicyIsPostedVersionedAndPublic(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	public := context.Background()
	cur, err := f.c.GetCurrentPolicy(public, &privacyv1.GetCurrentPolicyRequest{})
	require.NoError(t, err)
	require.Equal(t, "1.0", cur.Version)
	require.Contains(t, cur.BodyKo, "개인정보")
	require.Contains(t, cur.BodyEn, "personal information")

	officer := f.as(t, servicetest.PrivacyOfficer("po"))
	next := &privacyv1.PublishPolicyRequest{Version: "2.0", TitleKo: "개인정보 처리방침 2.0", TitleEn: "Privacy Policy 2.0",
		BodyKo: "개정된 처리방침", BodyEn: "Revised policy", EffectiveTime: timestamppb.New(time.Now().Add(-time.Minute))}
	future := &privacyv1.PublishPolicyRequest{Version: "3.0", TitleKo: "개인정보 처리방침 3.0", TitleEn: "Privacy Policy 3.0",
		BodyKo: "예정된 처리방침", BodyEn: "Upcoming policy", EffectiveTime: timestamppb.New(time.Now().Add(24 * time.Hour))}
	for _, p := range []*privacyv1.PublishPolicyRequest{next, future, next} {
		_, err := f.c.PublishPolicy(officer, p)
		require.NoError(t, err)
	}
	changed := proto.CloneOf(next)
	changed.BodyKo = "몰래 바뀐 문구"
	_, err = f.c.PublishPolicy(officer, changed)
	servicetest.RequireCode(t, err, codes.AlreadyExists)
	_, err = f.c.PublishPolicy(f.as(t, servicetest.Moderator("m")), future)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.PublishPolicy(officer, &privacyv1.PublishPolicyRequest{Version: "4.0", TitleKo: "t"})
	servicetest.RequireInvalidField(t, err, "body_ko")

	cur, err = f.c.GetCurrentPolicy(public, &privacyv1.GetCurrentPolicyRequest{})
	require.NoError(t, err)
	require.Equal(t, "2.0", cur.Version)
	require.Equal(t, next.BodyKo, cur.BodyKo, "the published text, not the changed one")
	require.Equal(t, next.BodyEn, cur.BodyEn)
	require.Equal(t, next.TitleKo, cur.TitleKo)
	hist, err := f.c.ListPolicies(public, &privacyv1.ListPoliciesRequest{})
	require.NoError(t, err)
	var versions []string
	for _, p := range hist.Policies {
		versions = append(versions, p.Version)
		if p.Version == "2.0" {
			require.Equal(t, next.BodyKo, p.BodyKo, "the published text, not the changed one")
		}
	}
	require.Equal(t, []string{"3.0", "2.0", "1.0"}, versions)
}

// A2, A10.3: a version is published in Korean and its translations and
// served in the reader's language (the language field, or the caller's
// Accept-Language as the edge forwards it), the Korean text marked
// untranslated where a language has none.
func TestA2_PolicyServedInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	public := context.Background()
	for lang, want := range map[string]string{"": "개인정보", "en": "personal information", "zh": "个人信息", "ja": "個人情報"} {
		cur, err := f.c.GetCurrentPolicy(public, &privacyv1.GetCurrentPolicyRequest{Language: lang})
		require.NoError(t, err)
		require.Contains(t, cur.Body.GetText(), want, lang)
		require.Equal(t, typev1.TextState_TEXT_STATE_CURRENT, cur.Body.GetState(), lang)
	}
	_, err := f.c.PublishPolicy(f.as(t, servicetest.PrivacyOfficer("po")), &privacyv1.PublishPolicyRequest{Version: "2.0",
		Title:         &typev1.LocalizedText{Texts: map[string]string{"ko": "처리방침 2.0", "ja": "処理方針 2.0"}},
		Body:          &typev1.LocalizedText{Texts: map[string]string{"ko": "개정 본문", "zh-Hans": "修订正文"}},
		EffectiveTime: timestamppb.New(time.Now().Add(-time.Minute))})
	require.NoError(t, err)
	ja := metadata.AppendToOutgoingContext(public, "accept-language", "ja-JP,ja;q=0.9")
	cur, err := f.c.GetCurrentPolicy(ja, &privacyv1.GetCurrentPolicyRequest{})
	require.NoError(t, err)
	require.Equal(t, "処理方針 2.0", cur.Title.GetText())
	require.Equal(t, "개정 본문", cur.Body.GetText(), "no Japanese body: the Korean one")
	require.Equal(t, typev1.TextState_TEXT_STATE_UNTRANSLATED, cur.Body.GetState())
	cur, err = f.c.GetCurrentPolicy(public, &privacyv1.GetCurrentPolicyRequest{Language: "zh-CN"})
	require.NoError(t, err)
	require.Equal(t, "修订正文", cur.Body.GetText())
	require.Equal(t, "zh-Hans", cur.Body.GetLanguage())
	_, err = f.c.PublishPolicy(f.as(t, servicetest.PrivacyOfficer("po")), &privacyv1.PublishPolicyRequest{Version: "3.0",
		Title: &typev1.LocalizedText{Texts: map[string]string{"en": "English only", "x-bad!": "?"}},
		Body:  &typev1.LocalizedText{Texts: map[string]string{"ko": "본문"}}, EffectiveTime: timestamppb.Now()})
	servicetest.RequireInvalidField(t, err, "title.texts.ko")
	servicetest.RequireInvalidField(t, err, "title.texts.x-bad!")
}
