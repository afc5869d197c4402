package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A8.1, A10.1: withdrawing a published post or comment announces it
// (seoul.board.post.withdrawn) so the mileage service claws back the
// points it earned — by ids and the opaque subject only, never the text or
// the name shown; a pending item that never earned anything is withdrawn
// silently.
func TestWithdrawAnnouncedForMileageClawbackA8_1(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "철회할 글", "곧 철회할 제안 글입니다. 검토하지 않으셔도 됩니다")
	c, err := f.api.CreateComment(f.as(t, bob), &boardv1.CreateCommentRequest{PostId: p.GetId(), Body: "철회할 댓글입니다"})
	require.NoError(t, err)

	_, err = f.api.WithdrawComment(f.as(t, bob), &boardv1.WithdrawCommentRequest{CommentId: c.GetId()})
	require.NoError(t, err)
	_, err = f.api.WithdrawPost(f.as(t, alice), &boardv1.WithdrawPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	_, err = f.api.WithdrawPost(f.as(t, alice), &boardv1.WithdrawPostRequest{PostId: p.GetId()})
	require.NoError(t, err, "withdrawing again is a no-op")

	// No text of the item and no displayed name travels with the event.
	private := []string{p.GetTitle(), p.GetBody(), c.GetBody(), p.GetAuthorDisplay(), c.GetAuthorDisplay()}
	noText := func(m proto.Message) {
		t.Helper()
		raw, err := proto.Marshal(m)
		require.NoError(t, err)
		for _, s := range private {
			require.NotEmpty(t, s)
			require.NotContains(t, string(raw), s, "the withdrawal event carries item text or a name")
		}
	}
	var m boardv1.PostWithdrawn
	waitEvent(t, f.env.JS, "seoul.board.post.withdrawn", &m, func() bool { return m.GetPostId() == c.GetId() })
	require.Equal(t, "comment", m.GetTargetType())
	require.Equal(t, p.GetId(), m.GetParentPostId())
	require.Equal(t, bob.Subject, m.GetAuthorSubject())
	noText(&m)
	waitEvent(t, f.env.JS, "seoul.board.post.withdrawn", &m, func() bool { return m.GetPostId() == p.GetId() })
	require.Equal(t, "post", m.GetTargetType())
	require.Equal(t, alice.Subject, m.GetAuthorSubject())
	noText(&m)
	require.Equal(t, 2, f.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.board.post.withdrawn'`),
		"one event per withdrawal, none for the repeated call")

	pre := f.board(t, func(r *boardv1.CreateBoardRequest) { r.ModerationMode = boardv1.ModerationMode_MODERATION_MODE_PRE })
	pending := f.post(t, carol, pre.GetId(), "승인 전 글", "승인 대기 중에 철회하는 글입니다")
	_, err = f.api.WithdrawPost(f.as(t, carol), &boardv1.WithdrawPostRequest{PostId: pending.GetId()})
	require.NoError(t, err)
	require.Equal(t, 2, f.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.board.post.withdrawn'`),
		"a post that was never public earned nothing to claw back")
}

// A temporary hide lapses by itself: once hidden_until passes, the post
// shows again with its text at its own address and in its board's listing
// (there is no background job; the status is computed when read).
func TestExpiredHideShowsAgainInListings(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "잠시 가릴 글", "검토를 위해 잠시 가려질 제안 글입니다")
	_, err := f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_HIDE, HideDays: 1, PublicExplanation: "검토 중입니다"})
	require.NoError(t, err)

	list, err := f.api.ListPosts(public, &boardv1.ListPostsRequest{BoardId: b.GetId()})
	require.NoError(t, err)
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_HIDDEN, list.GetPosts()[0].GetStatus())
	require.Empty(t, list.GetPosts()[0].GetBody(), "the public does not see a hidden text")
	require.NotNil(t, list.GetPosts()[0].GetUnhideTime())

	_, err = f.env.Pool.Exec(context.Background(), `UPDATE items SET hidden_until = now() - interval '1 second' WHERE id = $1`, p.GetId())
	require.NoError(t, err)
	list, err = f.api.ListPosts(public, &boardv1.ListPostsRequest{BoardId: b.GetId()})
	require.NoError(t, err)
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_VISIBLE, list.GetPosts()[0].GetStatus())
	require.Equal(t, "검토를 위해 잠시 가려질 제안 글입니다", list.GetPosts()[0].GetBody())
	require.Nil(t, list.GetPosts()[0].GetUnhideTime())
	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_VISIBLE, got.GetStatus())
	_, err = f.api.CreateComment(f.as(t, bob), &boardv1.CreateCommentRequest{PostId: p.GetId(), Body: "다시 보이니 댓글을 답니다"})
	require.NoError(t, err, "comments reopen with the post")
}

// Bad input the API can carry but no rule accepts: NUL and other control
// characters (PostgreSQL refuses NUL: this was a 500), text made only of
// Hangul fillers or zero-width characters ("empty Korean text"), and enum
// numbers outside the proto (silently defaulted before). Each is
// InvalidArgument naming the field, and nothing is stored.
func TestInvisibleAndControlTextRefused(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	// NUL is refused by the platform before the service runs; invisible
	// text and unknown enum numbers by the service's own rules.
	_, err := f.api.CreateBoard(f.as(t, admin), &boardv1.CreateBoardRequest{Name: "\u3164\u3164", Purpose: "\u200b",
		DepartmentCode: "SMG-CIVIL", RequestId: "r-invisible", PostingPolicy: 99, ModerationMode: 7})
	for _, field := range []string{"name", "purpose", "posting_policy", "moderation_mode"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	_, err = f.api.CreateBoard(f.as(t, admin), &boardv1.CreateBoardRequest{Name: "게시판", Purpose: "목적",
		DepartmentCode: "a\x00b", RequestId: "r\x00"})
	for _, field := range []string{"department_code", "request_id"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	_, err = f.api.CreatePost(f.as(t, alice), &boardv1.CreatePostRequest{BoardId: b.GetId(), Title: "a\x00b", Body: "본문입니다"})
	servicetest.RequireInvalidField(t, err, "title")
	_, err = f.api.CreatePost(f.as(t, alice), &boardv1.CreatePostRequest{BoardId: b.GetId(), Title: "제목", Body: "\u115f\u1160 \ufeff"})
	servicetest.RequireInvalidField(t, err, "body")
	p := f.post(t, alice, b.GetId(), "정상 글", "정상적인 제안 글입니다")
	_, err = f.api.EditPost(f.as(t, alice), &boardv1.EditPostRequest{PostId: p.GetId(), Post: &boardv1.Post{Title: "제목", Body: "본문\x00"}})
	servicetest.RequireInvalidField(t, err, "post.body")
	_, err = f.api.CreateComment(f.as(t, bob), &boardv1.CreateCommentRequest{PostId: p.GetId(), Body: "\x07\u3164"})
	servicetest.RequireInvalidField(t, err, "body")
	_, err = f.api.FileReport(f.as(t, bob), &boardv1.FileReportRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: p.GetId(), Ground: "A5.6", Text: "\x00"})
	servicetest.RequireInvalidField(t, err, "text")
	_, err = f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_REMOVE, Ground: "A5.6", PublicExplanation: "설명\x00", Facts: "\x00"})
	for _, field := range []string{"public_explanation", "facts"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	_, err = f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_REMOVE, Ground: "A5.6", PublicExplanation: "설명", Facts: "\x07", Source: 77})
	for _, field := range []string{"facts", "source"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	_, err = f.api.ListAppeals(f.as(t, mod1), &boardv1.ListAppealsRequest{Status: 42})
	servicetest.RequireInvalidField(t, err, "status")

	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM boards`))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM items`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM reports`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM decisions`))
	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, "정상적인 제안 글입니다", got.GetBody(), "the refused edit changed nothing")
}
