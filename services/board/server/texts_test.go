package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

func texts(m map[string]string) *typev1.LocalizedText { return &typev1.LocalizedText{Texts: m} }

func mask(paths ...string) *fieldmaskpb.FieldMask { return &fieldmaskpb.FieldMask{Paths: paths} }

// requireServed checks what a reader got: the text and its state.
func requireServed(t *testing.T, s *typev1.ServedText, text string, state typev1.TextState, msgAndArgs ...any) {
	t.Helper()
	require.Equal(t, text, s.GetText(), msgAndArgs...)
	require.Equal(t, state, s.GetState(), msgAndArgs...)
}

const (
	current      = typev1.TextState_TEXT_STATE_CURRENT
	untranslated = typev1.TextState_TEXT_STATE_UNTRANSLATED
	stale        = typev1.TextState_TEXT_STATE_STALE
)

// TestA2_BoardNamesAndPurposesInFourLanguages: a board's name and purpose
// are served in Korean, English, Chinese and Japanese (the language from
// the request, else Accept-Language); a missing translation is the Korean
// text marked untranslated; when the Korean name changes with only its
// English translation, Chinese and Japanese readers get the Korean name
// marked stale, never the outdated translation, until it is given again.
func TestA2_BoardNamesAndPurposesInFourLanguages(t *testing.T) {
	t.Parallel()
	f := start(t)
	official := servicetest.Official("off-1", "SMG-CIVIL")
	b := f.board(t, func(r *boardv1.CreateBoardRequest) {
		r.Name, r.Purpose = "시민 제안", "시정에 관한 시민 제안"
		r.NameTranslations = texts(map[string]string{"en": "Citizens' proposals", "zh-Hans": "市民提案", "ja": "市民提案箱"})
		r.PurposeTranslations = texts(map[string]string{"en": "Citizens' proposals on city policy"})
	})
	require.Equal(t, "시민 제안", b.GetName(), "name stays the Korean text")
	require.Equal(t, map[string]string{"en": "Citizens' proposals", "zh-Hans": "市民提案", "ja": "市民提案箱"},
		b.GetNameTranslations().GetTexts())

	get := func(ctx context.Context, lang string) *boardv1.BoardTexts {
		t.Helper()
		r, err := f.api.GetBoard(ctx, &boardv1.GetBoardRequest{BoardId: b.GetId(), Language: lang})
		require.NoError(t, err)
		return r.GetTexts()
	}
	for lang, want := range map[string]string{"": "시민 제안", "ko": "시민 제안", "en": "Citizens' proposals",
		"zh-CN": "市民提案", "ja": "市民提案箱"} {
		requireServed(t, get(public, lang).GetName(), want, current, lang)
	}
	requireServed(t, get(public, "en").GetPurpose(), "Citizens' proposals on city policy", current)
	requireServed(t, get(public, "ja").GetPurpose(), "시정에 관한 시민 제안", untranslated, "no Japanese purpose: Korean, marked")
	byHeader := metadata.AppendToOutgoingContext(public, "accept-language", "ja;q=0.9, en;q=0.8")
	requireServed(t, get(byHeader, "").GetName(), "市民提案箱", current, "Accept-Language when the request names none")

	// The Korean name changes with its English translation only.
	_, err := f.api.UpdateBoard(f.as(t, official), &boardv1.UpdateBoardRequest{BoardId: b.GetId(), Etag: b.GetEtag(),
		Board:      &boardv1.Board{Name: "시민 정책 제안", NameTranslations: texts(map[string]string{"en": "Citizens' policy proposals"})},
		UpdateMask: mask("name", "name_translations.texts.en")})
	require.NoError(t, err)
	requireServed(t, get(public, "en").GetName(), "Citizens' policy proposals", current)
	for _, lang := range []string{"zh-Hans", "ja"} {
		name := get(public, lang).GetName()
		requireServed(t, name, "시민 정책 제안", stale, "%s: the Korean name, marked stale", lang)
		require.Contains(t, name.GetTranslations(), &typev1.Translation{Language: lang, Stale: true})
	}
	list, err := f.api.ListBoards(public, &boardv1.ListBoardsRequest{Language: "ja"})
	require.NoError(t, err)
	requireServed(t, list.GetBoards()[0].GetTexts().GetName(), "시민 정책 제안", stale)

	// An edit made on a state read before is refused; the translation given
	// again is current.
	_, err = f.api.UpdateBoard(f.as(t, official), &boardv1.UpdateBoardRequest{BoardId: b.GetId(), Etag: b.GetEtag(),
		Board: &boardv1.Board{NameTranslations: texts(map[string]string{"ja": "市民政策提案"})}})
	servicetest.RequireCode(t, err, codes.Aborted)
	up, err := f.api.UpdateBoard(f.as(t, admin), &boardv1.UpdateBoardRequest{BoardId: b.GetId(),
		Board: &boardv1.Board{NameTranslations: texts(map[string]string{"ja": "市民政策提案"})}})
	require.NoError(t, err)
	requireServed(t, get(public, "ja").GetName(), "市民政策提案", current)
	requireServed(t, get(public, "zh").GetName(), "시민 정책 제안", stale)

	// Replacing every translation of the purpose removes the ones not given.
	_, err = f.api.UpdateBoard(f.as(t, official), &boardv1.UpdateBoardRequest{BoardId: b.GetId(), Etag: up.GetEtag(),
		Board:      &boardv1.Board{PurposeTranslations: texts(map[string]string{"zh-Hans": "关于市政的市民提案"})},
		UpdateMask: mask("purpose_translations")})
	require.NoError(t, err)
	requireServed(t, get(public, "zh").GetPurpose(), "关于市政的市民提案", current)
	requireServed(t, get(public, "en").GetPurpose(), "시정에 관한 시민 제안", untranslated)

	// Only admins and officials of the operating department edit a board.
	for _, who := range []struct {
		name string
		ctx  context.Context
	}{{"citizen", f.as(t, alice)}, {"other department", f.as(t, servicetest.Official("off-2", "SMG-CULTURE"))},
		{"moderator", f.as(t, mod1)}} {
		_, err = f.api.UpdateBoard(who.ctx, &boardv1.UpdateBoardRequest{BoardId: b.GetId(),
			Board: &boardv1.Board{Name: "바꾼 이름"}, UpdateMask: mask("name")})
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	_, err = f.api.UpdateBoard(public, &boardv1.UpdateBoardRequest{BoardId: b.GetId(),
		Board: &boardv1.Board{Name: "바꾼 이름"}, UpdateMask: mask("name")})
	servicetest.RequireCode(t, err, codes.Unauthenticated)
	requireServed(t, get(public, "").GetName(), "시민 정책 제안", current)
}

// TestA2_BadBoardTextsStoreNothing: a language tag that is not one, Korean
// given as a translation or an empty Korean text is InvalidArgument naming
// the field, and nothing is stored or changed.
func TestA2_BadBoardTextsStoreNothing(t *testing.T) {
	t.Parallel()
	f := start(t)
	_, err := f.api.CreateBoard(f.as(t, admin), &boardv1.CreateBoardRequest{Name: " ", Purpose: "목적", DepartmentCode: "SMG-CIVIL",
		NameTranslations:    texts(map[string]string{"english!": "Proposals", "ko": "제안"}),
		PurposeTranslations: texts(map[string]string{"ja": strings.Repeat("目", 2001)})})
	servicetest.RequireInvalidField(t, err, "name")
	servicetest.RequireInvalidField(t, err, "name_translations.texts.english!")
	servicetest.RequireInvalidField(t, err, "name_translations.texts.ko")
	servicetest.RequireInvalidField(t, err, "purpose_translations.texts.ja")
	require.Zero(t, f.count(t, `SELECT count(*) FROM boards`))

	b := f.board(t)
	for _, c := range []struct {
		req   *boardv1.UpdateBoardRequest
		field string
	}{
		{&boardv1.UpdateBoardRequest{Board: &boardv1.Board{Name: ""}, UpdateMask: mask("name")}, "board.name"},
		{&boardv1.UpdateBoardRequest{Board: &boardv1.Board{NameTranslations: texts(map[string]string{"fr!": "x"})}}, "board.name_translations.texts.fr!"},
		{&boardv1.UpdateBoardRequest{Board: &boardv1.Board{PurposeTranslations: texts(map[string]string{"ko": "x"})}}, "board.purpose_translations.texts.ko"},
		{&boardv1.UpdateBoardRequest{Board: &boardv1.Board{DepartmentCode: "SMG-CULTURE"}, UpdateMask: mask("department_code")}, "update_mask"},
	} {
		c.req.BoardId = b.GetId()
		_, err := f.api.UpdateBoard(f.as(t, admin), c.req)
		servicetest.RequireInvalidField(t, err, c.field)
	}
	r, err := f.api.GetBoard(public, &boardv1.GetBoardRequest{BoardId: b.GetId()})
	require.NoError(t, err)
	require.Equal(t, b.GetEtag(), r.GetEtag(), "nothing changed")
	require.Equal(t, b.GetName(), r.GetName())

	_, err = f.api.GetBoard(public, &boardv1.GetBoardRequest{BoardId: b.GetId(), Language: "日本語"})
	servicetest.RequireInvalidField(t, err, "language")
}

// TestA2_TombstoneNoticesInFourLanguages (A5.0): a removal's tombstone
// gives the notice and the ground from the catalogue in the reader's
// language (Korean, English, Chinese, Japanese); the moderator's
// explanation is served in a language only when the moderator gave it,
// otherwise in Korean marked untranslated. The public log serves the same.
// A bad translation of the explanation removes nothing.
func TestA2_TombstoneNoticesInFourLanguages(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "제목입니다", "이 글은 게시판 목적과 상관없는 내용입니다.")

	_, err := f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{
		TargetType: boardv1.TargetType_TARGET_TYPE_POST, TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_REMOVE,
		Ground: "A5.9", PublicExplanation: "게시판 목적과 맞지 않아 삭제했습니다.",
		PublicExplanationTranslations: texts(map[string]string{"en": "Removed", "xx_bad": "?"})})
	servicetest.RequireInvalidField(t, err, "public_explanation_translations.texts.xx_bad")
	require.Zero(t, f.count(t, `SELECT count(*) FROM decisions`), "nothing decided")

	_, err = f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{
		TargetType: boardv1.TargetType_TARGET_TYPE_POST, TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_REMOVE,
		Ground: "A5.9", PublicExplanation: "게시판 목적과 맞지 않아 삭제했습니다.",
		PublicExplanationTranslations: texts(map[string]string{"en": "Removed: it does not fit the board's purpose."})})
	require.NoError(t, err)

	tomb := func(ctx context.Context, lang string) *boardv1.Tombstone {
		t.Helper()
		r, err := f.api.GetPost(ctx, &boardv1.GetPostRequest{PostId: p.GetId(), Language: lang})
		require.NoError(t, err)
		return r.GetTombstone()
	}
	ko := tomb(public, "")
	require.Equal(t, "「조례 제5조 제9호에 따라 삭제」", ko.GetNotice(), "notice stays the Korean statement")
	requireServed(t, ko.GetTexts().GetNotice(), "「조례 제5조 제9호에 따라 삭제」", current)
	requireServed(t, ko.GetTexts().GetExplanation(), "게시판 목적과 맞지 않아 삭제했습니다.", current)

	en := tomb(public, "en").GetTexts()
	requireServed(t, en.GetNotice(), "“Removed under Article 5, item 9 of the Ordinance”", current)
	requireServed(t, en.GetGroundTitle(), "Otherwise harms the public interest or does not fit the board's purpose", current)
	requireServed(t, en.GetExplanation(), "Removed: it does not fit the board's purpose.", current)

	ja := tomb(public, "ja").GetTexts()
	requireServed(t, ja.GetNotice(), "「条例第5条第9号により削除」", current)
	requireServed(t, ja.GetExplanation(), "게시판 목적과 맞지 않아 삭제했습니다.", untranslated, "free text without a Japanese translation")

	zh := tomb(metadata.AppendToOutgoingContext(public, "accept-language", "zh-CN,zh;q=0.9"), "").GetTexts()
	requireServed(t, zh.GetNotice(), "「依据条例第5条第9项删除」", current)
	requireServed(t, zh.GetGroundTitle(), "其他损害公共利益或不符合留言板宗旨的内容", current)

	posts, err := f.api.ListPosts(public, &boardv1.ListPostsRequest{BoardId: b.GetId(), Language: "en"})
	require.NoError(t, err)
	requireServed(t, posts.GetPosts()[0].GetTombstone().GetTexts().GetNotice(), "“Removed under Article 5, item 9 of the Ordinance”", current)

	log, err := f.api.ListModerationDecisions(public, &boardv1.ListModerationDecisionsRequest{BoardId: b.GetId(), Language: "en"})
	require.NoError(t, err)
	require.Len(t, log.GetDecisions(), 1)
	requireServed(t, log.GetDecisions()[0].GetTexts().GetExplanation(), "Removed: it does not fit the board's purpose.", current)
	requireServed(t, log.GetDecisions()[0].GetTexts().GetNotice(), "“Removed under Article 5, item 9 of the Ordinance”", current)

	_, err = f.api.ListPosts(public, &boardv1.ListPostsRequest{BoardId: b.GetId(), Language: "en_US!"})
	servicetest.RequireInvalidField(t, err, "language")
}
