package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

func flagsOf(t *testing.T, f fixture, id string) map[string]*boardv1.Flag {
	t.Helper()
	q, err := f.api.ListModerationQueueItems(f.as(t, mod1), &boardv1.ListModerationQueueItemsRequest{PageSize: 100})
	require.NoError(t, err)
	out := map[string]*boardv1.Flag{}
	for _, it := range q.GetQueueItems() {
		if it.GetTargetId() == id {
			for _, fl := range it.GetFlags() {
				out[fl.GetDetector()] = fl
			}
		}
	}
	return out
}

// A5.6: a disguised insult (spacing, symbols, split jamo) is flagged for
// moderators with detector, score and evidence; the post stays up — no
// silent deletion.
func TestScreeningFlagsEvasionsA5_6(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "민원", "담당자 ㅅㅣ 1 발 일 좀 하세요")
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_VISIBLE, p.GetStatus())
	fl := flagsOf(t, f, p.GetId())["profanity"]
	require.NotNil(t, fl)
	require.Equal(t, "A5.6", fl.GetSuggestedGround())
	require.GreaterOrEqual(t, fl.GetScore(), 0.9)
	require.Contains(t, fl.GetEvidence(), "(변형)")
	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_VISIBLE, got.GetStatus())
}

// A5.5 and personal data: an advert with a phone number is flagged, and
// the number is masked before storage.
func TestScreeningAdvertAndPersonalDataA5_5(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "무료상담", "당일대출 가능 http://loan.example.com 연락처 010-1234-5678 주민번호 900101-1234567")
	require.True(t, p.GetPersonalDataMasked())
	require.NotContains(t, p.GetBody(), "1234-5678")
	require.NotContains(t, p.GetBody(), "900101-1234567")
	require.Contains(t, p.GetBody(), "010-****-5678")
	flags := flagsOf(t, f, p.GetId())
	require.Equal(t, "A5.5", flags["advertising"].GetSuggestedGround())
	require.Equal(t, 1.0, flags["personal_data"].GetScore())
	require.Zero(t, f.count(t, `SELECT count(*) FROM items WHERE body LIKE '%1234567%' OR title LIKE '%1234567%'`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM flags WHERE evidence LIKE '%1234-5678%'`))
}

// A5.8: an exact repeat by the same author — on another board, with other
// spacing and punctuation — is refused at once; a near-duplicate is
// flagged with its similarity; another author may say the same.
func TestRepeatsA5_8(t *testing.T) {
	t.Parallel()
	f := start(t)
	b1, b2 := f.board(t), f.board(t)
	text := "광화문 광장 주변 자전거 도로를 넓혀 주세요. 출퇴근 시간에 너무 위험합니다."
	first := f.post(t, alice, b1.GetId(), "자전거 도로", text)

	_, err := f.api.CreatePost(f.as(t, alice), &boardv1.CreatePostRequest{BoardId: b2.GetId(), Title: "자전거도로",
		Body: "광화문광장 주변 자전거도로를 넓혀주세요!! 출퇴근 시간에 너무 위험합니다"})
	st := servicetest.RequireReason(t, err, codes.FailedPrecondition, "REPEATED_POST")
	require.Contains(t, st.Message(), "A5.8")
	require.Contains(t, st.Message(), first.GetId())

	near := f.post(t, alice, b2.GetId(), "자전거 도로", "광화문 광장 주변 자전거 도로를 넓혀 주세요. 출근 시간에 너무 위험합니다.")
	fl := flagsOf(t, f, near.GetId())["near_duplicate"]
	require.NotNil(t, fl)
	require.Equal(t, "A5.8", fl.GetSuggestedGround())
	require.GreaterOrEqual(t, fl.GetScore(), 0.6)
	require.Contains(t, fl.GetEvidence(), first.GetId())

	f.post(t, bob, b1.GetId(), "자전거 도로", text)
	require.Equal(t, 3, f.count(t, `SELECT count(*) FROM items`))
}

// A5.8 on edit: editing a post into a copy of one's other post is refused,
// the refusal names the rule and the copied post, and the post keeps its
// text.
func TestEditIntoRepeatRefusedA5_8(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	first := f.post(t, alice, b.GetId(), "첫 글", "남산 둘레길에 벤치를 더 설치해 주시면 좋겠습니다")
	second := f.post(t, alice, b.GetId(), "둘째 글", "한강 공원 쓰레기통을 늘려 주시면 좋겠습니다")
	_, err := f.api.EditPost(f.as(t, alice), &boardv1.EditPostRequest{PostId: second.GetId(), Post: &boardv1.Post{Title: "첫 글",
		Body: "남산 둘레길에 벤치를 더 설치해 주시면 좋겠습니다"}})
	st := servicetest.RequireReason(t, err, codes.FailedPrecondition, "REPEATED_POST")
	require.Contains(t, st.Message(), "A5.8")
	require.Contains(t, st.Message(), first.GetId())
	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: second.GetId()})
	require.NoError(t, err)
	require.Equal(t, "둘째 글", got.GetTitle())
	require.Equal(t, "한강 공원 쓰레기통을 늘려 주시면 좋겠습니다", got.GetBody(), "the refused edit changed nothing")
}

// A5.8: the repeat refusal reads in the caller's language, Korean unless
// asked otherwise, and names the earlier post and the window.
func TestRepeatRefusalInKoreanAndEnglishA5_8(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	first := f.post(t, alice, b.GetId(), "가로등 수리", "남산 산책로 가로등이 꺼져 있습니다. 수리해 주세요.")
	again := &boardv1.CreatePostRequest{BoardId: b.GetId(), Title: "가로등 수리", Body: "남산 산책로 가로등이 꺼져 있습니다. 수리해 주세요."}

	_, err := f.api.CreatePost(f.as(t, alice), again)
	st := servicetest.RequireReason(t, err, codes.FailedPrecondition, "REPEATED_POST")
	require.Equal(t, "같은 내용의 게시글("+first.GetId()+")을(를) 720시간 안에 이미 올렸습니다. "+
		"같은 내용을 되풀이해 올릴 수 없습니다(조례 제5조 제8호, A5.8).", st.Message())

	en := metadata.AppendToOutgoingContext(f.as(t, alice), "accept-language", "en")
	_, err = f.api.CreatePost(en, again)
	st = servicetest.RequireReason(t, err, codes.FailedPrecondition, "REPEATED_POST")
	require.Equal(t, "You already posted the same text (post "+first.GetId()+") within 720 hours; "+
		"repeated posting of the same content is not allowed (ordinance art. 5 item 8, A5.8).", st.Message())
}
