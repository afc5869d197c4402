package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// EditPost changes only the fields its mask names (AIP-134): a new title
// keeps the body, an empty mask means the fields the request populates,
// and a path the edit does not take is bad input naming update_mask.
func TestEditPostChangesOnlyMaskedFields(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "버스 노선", "472번 버스 배차 간격을 줄여 주세요")

	ed, err := f.api.EditPost(f.as(t, alice), &boardv1.EditPostRequest{PostId: p.GetId(),
		Post: &boardv1.Post{Title: "버스 노선 개선"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}}})
	require.NoError(t, err)
	require.Equal(t, "버스 노선 개선", ed.GetPost().GetTitle())
	require.Equal(t, "472번 버스 배차 간격을 줄여 주세요", ed.GetPost().GetBody(), "the body stays")

	ed, err = f.api.EditPost(f.as(t, alice), &boardv1.EditPostRequest{PostId: p.GetId(),
		Post: &boardv1.Post{Body: "472번 버스 배차 간격을 출근 시간에 줄여 주세요"}})
	require.NoError(t, err)
	require.Equal(t, "버스 노선 개선", ed.GetPost().GetTitle(), "no mask: only the populated body changes")

	_, err = f.api.EditPost(f.as(t, alice), &boardv1.EditPostRequest{PostId: p.GetId(),
		Post:       &boardv1.Post{Title: "x", Status: boardv1.ItemStatus_ITEM_STATUS_VISIBLE},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title", "status", "titel"}}})
	v := servicetest.RequireInvalidField(t, err, "update_mask")
	require.Contains(t, v.GetDescription(), "status")

	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, "버스 노선 개선", got.GetTitle(), "the refused edit changed nothing")
	require.Equal(t, ed.GetPost().GetEtag(), got.GetEtag())
}

// EditComment changes the comment's body; a comment has no title.
func TestEditCommentChangesItsBody(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "공원 벤치", "남산 공원에 벤치를 늘려 주세요")
	c, err := f.api.CreateComment(f.as(t, bob), &boardv1.CreateCommentRequest{PostId: p.GetId(), Body: "저도 찬성합니다"})
	require.NoError(t, err)

	ed, err := f.api.EditComment(f.as(t, bob), &boardv1.EditCommentRequest{CommentId: c.GetId(),
		Comment: &boardv1.Comment{Body: "저도 적극 찬성합니다"}, Etag: c.GetEtag()})
	require.NoError(t, err)
	require.Equal(t, "저도 적극 찬성합니다", ed.GetComment().GetBody())
	require.NotEqual(t, c.GetEtag(), ed.GetComment().GetEtag())

	_, err = f.api.EditComment(f.as(t, bob), &boardv1.EditCommentRequest{CommentId: c.GetId(),
		Comment: &boardv1.Comment{Body: "x"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}}})
	servicetest.RequireInvalidField(t, err, "update_mask")
}

// A5.0: a moderator decides on what they read. A post edited after the
// moderator read it is not removed on the old reading (ABORTED), and an
// author's edit or withdrawal with an older etag is refused too.
func TestStaleEtagRefusesEditsAndDecisions(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "도로 보수", "시청 앞 도로 보수를 요청합니다")
	read := p.GetEtag()
	_, err := f.api.EditPost(f.as(t, alice), &boardv1.EditPostRequest{PostId: p.GetId(), Etag: read,
		Post: &boardv1.Post{Body: "시청 앞 도로의 파인 곳 보수를 요청합니다"}})
	require.NoError(t, err)

	_, err = f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{
		TargetType: boardv1.TargetType_TARGET_TYPE_POST, TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_REMOVE,
		Ground: "A5.9", PublicExplanation: "게시판 목적과 맞지 않아 삭제했습니다.", Etag: read})
	servicetest.RequireCode(t, err, codes.Aborted)
	_, err = f.api.EditPost(f.as(t, alice), &boardv1.EditPostRequest{PostId: p.GetId(), Etag: read,
		Post: &boardv1.Post{Title: "덮어쓰기"}})
	servicetest.RequireCode(t, err, codes.Aborted)
	_, err = f.api.WithdrawPost(f.as(t, alice), &boardv1.WithdrawPostRequest{PostId: p.GetId(), Etag: read})
	servicetest.RequireCode(t, err, codes.Aborted)
	require.Zero(t, f.count(t, `SELECT count(*) FROM decisions`))

	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, "도로 보수", got.GetTitle())
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_VISIBLE, got.GetStatus())
	_, err = f.api.WithdrawPost(f.as(t, alice), &boardv1.WithdrawPostRequest{PostId: p.GetId(), Etag: got.GetEtag()})
	require.NoError(t, err)
}
