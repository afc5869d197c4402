package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/board/server"
)

// A5.6: moderators keep the word and allow lists at runtime. A word added
// on one replica flags the next post on another at once (no redeploy); an
// allow-listed word stops a false alarm; a removed word flags no more;
// every change is a new version in the audit trail with who and why.
func TestModeratorsKeepWordListsAtRuntimeA5_6(t *testing.T) {
	t.Parallel()
	f := start(t)
	cfg := server.TestConfig()
	cfg.PrivacyAddr = "127.0.0.1:1"
	env2 := servicetest.Start(t, server.SpecWith(cfg), servicetest.WithDatabase(f.env),
		servicetest.WithNATS(f.env.NATS), servicetest.WithIssuer(f.env))
	replica := fixture{env: env2, api: boardv1.NewBoardServiceClient(env2.Conn)}
	b := f.board(t)
	profane := func(text string) bool {
		p := replica.post(t, alice, b.GetId(), "의견", text)
		return flagsOf(t, f, p.GetId())["profanity"] != nil
	}
	require.False(t, profane("흑형들은 조용히 하라는 건가요"), "not on the list yet")
	require.True(t, profane("일이 닥쳐서 하면 늦습니다"), "a false alarm the allow list will fix")

	before, err := f.api.ListScreeningWords(f.as(t, mod1), &boardv1.ListScreeningWordsRequest{})
	require.NoError(t, err)
	added, err := f.api.CreateScreeningWord(f.as(t, mod1), &boardv1.CreateScreeningWordRequest{
		List: boardv1.ScreeningList_SCREENING_LIST_PROFANITY, Word: "흑형", Severity: 0.8, Reason: "인종 비하 표현"})
	require.NoError(t, err)
	require.Equal(t, before.GetVersion()+1, added.GetVersion())
	require.Equal(t, "A5.6", added.GetGround())
	_, err = f.api.CreateScreeningWord(f.as(t, mod2), &boardv1.CreateScreeningWordRequest{
		List: boardv1.ScreeningList_SCREENING_LIST_ALLOW, Word: "닥쳐서", Reason: "닥치다(다가오다)의 활용"})
	require.NoError(t, err)

	require.True(t, profane("흑1형 같은 소리 하지 마세요"), "the added word, disguised, is caught on the other replica")
	require.False(t, profane("마감이 닥쳐서 서둘렀습니다"), "the allow-listed word is clean")

	removed, err := f.api.DeleteScreeningWord(f.as(t, mod1), &boardv1.DeleteScreeningWordRequest{
		WordId: added.GetId(), Reason: "다른 표현으로 대체"})
	require.NoError(t, err)
	require.Equal(t, added.GetVersion()+2, removed.GetVersion())
	require.False(t, profane("흑형이라는 말은 쓰지 맙시다"), "a removed word flags no more")

	trail, err := f.api.ListScreeningWordChanges(f.as(t, mod2), &boardv1.ListScreeningWordChangesRequest{PageSize: 3})
	require.NoError(t, err)
	require.Len(t, trail.GetChanges(), 3)
	last := trail.GetChanges()[0]
	require.Equal(t, removed.GetVersion(), last.GetVersion())
	require.Equal(t, boardv1.ScreeningWordAction_SCREENING_WORD_ACTION_REMOVED, last.GetAction())
	require.Equal(t, "흑형", last.GetWord().GetWord())
	require.Equal(t, mod1.Subject, last.GetModeratorSubject())
	require.Equal(t, "다른 표현으로 대체", last.GetReason())
	require.Equal(t, mod2.Subject, trail.GetChanges()[1].GetModeratorSubject())
	require.NotEmpty(t, trail.GetNextPageToken(), "the initial list is in the trail too")
}

// The word lists are the moderators': citizens and the public are refused,
// bad input names every field and stores nothing, a word already listed
// is AlreadyExists, an unknown one NotFound.
func TestScreeningWordRulesA5_6(t *testing.T) {
	t.Parallel()
	f := start(t)
	_, err := f.api.ListScreeningWords(public, &boardv1.ListScreeningWordsRequest{})
	servicetest.RequireCode(t, err, codes.Unauthenticated)
	_, err = f.api.CreateScreeningWord(f.as(t, alice), &boardv1.CreateScreeningWordRequest{
		List: boardv1.ScreeningList_SCREENING_LIST_PROFANITY, Word: "바보", Severity: 0.5, Reason: "시험"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.api.ListScreeningWordChanges(f.as(t, alice), &boardv1.ListScreeningWordChangesRequest{})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	changes := f.count(t, `SELECT count(*) FROM screening_word_changes`)
	mod := f.as(t, mod1)
	_, err = f.api.CreateScreeningWord(mod, &boardv1.CreateScreeningWordRequest{Severity: 2})
	for _, field := range []string{"list", "word", "reason"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	_, err = f.api.CreateScreeningWord(mod, &boardv1.CreateScreeningWordRequest{
		List: boardv1.ScreeningList_SCREENING_LIST_PROFANITY, Word: "바보", Severity: 1.5, Reason: "시험"})
	servicetest.RequireInvalidField(t, err, "severity")
	_, err = f.api.CreateScreeningWord(mod, &boardv1.CreateScreeningWordRequest{
		List: boardv1.ScreeningList_SCREENING_LIST_PROFANITY, Word: "!!! ...", Severity: 0.5, Reason: "시험"})
	require.Equal(t, "WORD_NOT_MATCHABLE", servicetest.RequireInvalidField(t, err, "word").GetReason())
	_, err = f.api.CreateScreeningWord(mod, &boardv1.CreateScreeningWordRequest{
		List: boardv1.ScreeningList(99), Word: "바보", Severity: 0.5, Reason: "시험"})
	servicetest.RequireInvalidField(t, err, "list")
	_, err = f.api.CreateScreeningWord(mod, &boardv1.CreateScreeningWordRequest{
		List: boardv1.ScreeningList_SCREENING_LIST_PROFANITY, Word: "시발", Severity: 0.9, Reason: "이미 있음"})
	servicetest.RequireReason(t, err, codes.AlreadyExists, "SCREENING_WORD_EXISTS")
	_, err = f.api.DeleteScreeningWord(mod, &boardv1.DeleteScreeningWordRequest{WordId: "0190c1d2-0000-7000-8000-000000000000", Reason: "없음"})
	servicetest.RequireReason(t, err, codes.NotFound, "SCREENING_WORD_NOT_FOUND")
	_, err = f.api.DeleteScreeningWord(mod, &boardv1.DeleteScreeningWordRequest{WordId: "x"})
	servicetest.RequireInvalidField(t, err, "word_id")
	servicetest.RequireInvalidField(t, err, "reason")
	require.Equal(t, changes, f.count(t, `SELECT count(*) FROM screening_word_changes`), "refused changes store nothing")

	_, err = f.api.ListScreeningWords(mod, &boardv1.ListScreeningWordsRequest{List: boardv1.ScreeningList(42)})
	servicetest.RequireInvalidField(t, err, "list")
	page, err := f.api.ListScreeningWords(mod, &boardv1.ListScreeningWordsRequest{List: boardv1.ScreeningList_SCREENING_LIST_ALLOW, PageSize: 5})
	require.NoError(t, err)
	require.Len(t, page.GetWords(), 5)
	for _, w := range page.GetWords() {
		require.Equal(t, boardv1.ScreeningList_SCREENING_LIST_ALLOW, w.GetList())
	}
	_, err = f.api.ListScreeningWords(mod, &boardv1.ListScreeningWordsRequest{PageToken: page.GetNextPageToken()})
	servicetest.RequireInvalidField(t, err, "page_token")
}
