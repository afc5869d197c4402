package server_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// Posts: create is idempotent by request id; list is newest first with a
// stable keyset page token; edit and withdraw are the author's only.
func TestPostLifecycle(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	req := &boardv1.CreatePostRequest{BoardId: b.GetId(), RequestId: "req-1", Title: "버스 노선", Body: "472번 버스 배차 간격을 줄여 주세요"}
	p1, err := f.api.CreatePost(f.as(t, alice), req)
	require.NoError(t, err)
	p2, err := f.api.CreatePost(f.as(t, alice), req)
	require.NoError(t, err, "a retry returns the first post, not a repeat refusal")
	require.Equal(t, p1.GetId(), p2.GetId())
	require.True(t, p1.GetMine())
	require.Contains(t, p1.GetAuthorDisplay(), "시민-")

	for i := range 4 {
		f.post(t, bob, b.GetId(), fmt.Sprintf("제안 %d", i), fmt.Sprintf("서로 다른 제안 내용 번호 %d 입니다. 검토 부탁드립니다 %d", i, i*7919))
	}
	page1, err := f.api.ListPosts(public, &boardv1.ListPostsRequest{BoardId: b.GetId(), PageSize: 3})
	require.NoError(t, err)
	require.Len(t, page1.GetPosts(), 3)
	require.NotEmpty(t, page1.GetNextPageToken())
	page2, err := f.api.ListPosts(public, &boardv1.ListPostsRequest{BoardId: b.GetId(), PageSize: 3, PageToken: page1.GetNextPageToken()})
	require.NoError(t, err)
	require.Len(t, page2.GetPosts(), 2)
	require.Equal(t, p1.GetId(), page2.GetPosts()[1].GetId(), "oldest last")
	require.Empty(t, page2.GetNextPageToken())

	_, err = f.api.EditPost(f.as(t, bob), &boardv1.EditPostRequest{PostId: p1.GetId(), Post: &boardv1.Post{Title: "x", Body: "가로채기"}})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	ed, err := f.api.EditPost(f.as(t, alice), &boardv1.EditPostRequest{PostId: p1.GetId(), Post: &boardv1.Post{Title: "버스 노선 (수정)", Body: "472번 버스 배차 간격을 출근 시간에 줄여 주세요"}})
	require.NoError(t, err)
	require.Equal(t, "버스 노선 (수정)", ed.GetPost().GetTitle())

	w, err := f.api.WithdrawPost(f.as(t, alice), &boardv1.WithdrawPostRequest{PostId: p1.GetId()})
	require.NoError(t, err)
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_WITHDRAWN, w.GetPost().GetStatus())
	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p1.GetId()})
	require.NoError(t, err)
	require.Empty(t, got.GetBody())
}

// Bad input names every bad field and stores nothing.
func TestCreatePostBadInputStoresNothing(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	_, err := f.api.CreatePost(f.as(t, alice), &boardv1.CreatePostRequest{BoardId: b.GetId(), Title: "", Body: ""})
	servicetest.RequireInvalidField(t, err, "title")
	servicetest.RequireInvalidField(t, err, "body")
	_, err = f.api.CreatePost(f.as(t, alice), &boardv1.CreatePostRequest{BoardId: "not-an-id", Title: "t", Body: "b"})
	servicetest.RequireInvalidField(t, err, "board_id")
	_, err = f.api.ListPosts(public, &boardv1.ListPostsRequest{BoardId: b.GetId(), PageToken: "garbage!"})
	servicetest.RequireInvalidField(t, err, "page_token")
	require.Zero(t, f.count(t, `SELECT count(*) FROM items`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM outbox`))
}

// A5.7: on a real-name board posting needs the real-name claim, and the
// author is shown by the masked real name from the privacy service; only
// the masked view is stored.
func TestRealNameBoardA5_7(t *testing.T) {
	t.Parallel()
	f := startWithPrivacy(t)
	b := f.board(t, func(r *boardv1.CreateBoardRequest) { r.RealNameRequired = true })

	unverified := alice
	unverified.RealNameVerified = false
	_, err := f.api.CreatePost(f.as(t, unverified), &boardv1.CreatePostRequest{BoardId: b.GetId(), Title: "제안", Body: "실명 게시판 글"})
	st := servicetest.RequireReason(t, err, codes.FailedPrecondition, "REAL_NAME_REQUIRED")
	require.Contains(t, st.Message(), "실명 인증")

	_, err = f.api.CreatePost(f.as(t, alice), &boardv1.CreatePostRequest{BoardId: b.GetId(), Title: "제안", Body: "실명 게시판 글"})
	st = servicetest.RequireReason(t, err, codes.FailedPrecondition, "REAL_NAME_NOT_ON_FILE")
	require.Contains(t, st.Message(), "실명을 등록해 주세요")

	f.storeName(t, alice, "홍길동")
	p := f.post(t, alice, b.GetId(), "제안", "실명 게시판 글입니다")
	require.Equal(t, "홍*동", p.GetAuthorDisplay())
	require.Zero(t, f.count(t, `SELECT count(*) FROM items WHERE author_display LIKE '%길%'`), "no plaintext name stored")
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM author_names WHERE masked_name = '홍*동'`))
	c, err := f.api.CreateComment(f.as(t, alice), &boardv1.CreateCommentRequest{PostId: p.GetId(), Body: "덧붙입니다"})
	require.NoError(t, err)
	require.Equal(t, "홍*동", c.GetAuthorDisplay())
}

// Comments: on a visible post only; a comment on a removed post is refused.
func TestComments(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "공원", "공원에 그늘막을 설치해 주세요")
	for i := range 3 {
		_, err := f.api.CreateComment(f.as(t, bob), &boardv1.CreateCommentRequest{PostId: p.GetId(), Body: fmt.Sprintf("좋은 의견 %d", i)})
		require.NoError(t, err)
	}
	list, err := f.api.ListComments(public, &boardv1.ListCommentsRequest{PostId: p.GetId(), PageSize: 2})
	require.NoError(t, err)
	require.Len(t, list.GetComments(), 2)
	require.Equal(t, "좋은 의견 0", list.GetComments()[0].GetBody(), "oldest first")
	f.remove(t, mod1, p.GetId(), "A5.9")
	_, err = f.api.CreateComment(f.as(t, bob), &boardv1.CreateCommentRequest{PostId: p.GetId(), Body: "늦은 댓글"})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
}

// Pre-moderation: a post is seen only by its author and moderators until
// a moderator keeps it.
func TestPreModeration(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t, func(r *boardv1.CreateBoardRequest) { r.ModerationMode = boardv1.ModerationMode_MODERATION_MODE_PRE })
	p := f.post(t, alice, b.GetId(), "제안", "사전 검토 게시판의 글입니다")
	require.Equal(t, boardv1.ItemStatus_ITEM_STATUS_PENDING, p.GetStatus())
	_, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	servicetest.RequireCode(t, err, codes.NotFound)
	list, err := f.api.ListPosts(public, &boardv1.ListPostsRequest{BoardId: b.GetId()})
	require.NoError(t, err)
	require.Empty(t, list.GetPosts())
	require.Zero(t, f.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.board.post.created'`))

	_, err = f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_KEEP})
	require.NoError(t, err)
	got, err := f.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, "사전 검토 게시판의 글입니다", got.GetBody())
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.board.post.created'`))
}
