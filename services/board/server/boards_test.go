package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A3.1.4: boards are opened by admins or officials of the operating
// department, with defaults post-moderation and anyone signed in; a retry
// with the same request id returns the same board; the public lists them.
func TestCreateBoardA3_1_4(t *testing.T) {
	t.Parallel()
	f := start(t)
	official := servicetest.Official("off-1", "SMG-CIVIL")
	req := &boardv1.CreateBoardRequest{RequestId: "r-1", Name: "교통 제안", Purpose: "교통 정책 제안", DepartmentCode: "SMG-CIVIL"}
	first, err := f.api.CreateBoard(f.as(t, official), req)
	require.NoError(t, err)
	again, err := f.api.CreateBoard(f.as(t, official), req)
	require.NoError(t, err)
	require.Equal(t, first.GetId(), again.GetId())
	require.Equal(t, boardv1.ModerationMode_MODERATION_MODE_POST, first.GetModerationMode())
	require.Equal(t, boardv1.PostingPolicy_POSTING_POLICY_SIGNED_IN, first.GetPostingPolicy())

	_, err = f.api.CreateBoard(f.as(t, servicetest.Official("off-2", "SMG-CULTURE")), req)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.api.CreateBoard(f.as(t, alice), req)
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	list, err := f.api.ListBoards(public, &boardv1.ListBoardsRequest{})
	require.NoError(t, err)
	require.Len(t, list.GetBoards(), 1)
}

func TestCreateBoardBadInputStoresNothing(t *testing.T) {
	t.Parallel()
	f := start(t)
	_, err := f.api.CreateBoard(f.as(t, admin), &boardv1.CreateBoardRequest{Name: " ", DepartmentCode: "SMG-CIVIL"})
	servicetest.RequireInvalidField(t, err, "name")
	servicetest.RequireInvalidField(t, err, "purpose")
	require.Zero(t, f.count(t, `SELECT count(*) FROM boards`))
}

// Posting policies: a citizens-only board refuses officials, a department
// board refuses citizens.
func TestPostingPolicy(t *testing.T) {
	t.Parallel()
	f := start(t)
	citizens := f.board(t, func(r *boardv1.CreateBoardRequest) { r.PostingPolicy = boardv1.PostingPolicy_POSTING_POLICY_CITIZENS })
	dept := f.board(t, func(r *boardv1.CreateBoardRequest) { r.PostingPolicy = boardv1.PostingPolicy_POSTING_POLICY_DEPARTMENT })
	official := servicetest.Official("off-1", "SMG-CIVIL")
	_, err := f.api.CreatePost(f.as(t, official), &boardv1.CreatePostRequest{BoardId: citizens.GetId(), Title: "공지", Body: "공지 내용입니다"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.api.CreatePost(f.as(t, alice), &boardv1.CreatePostRequest{BoardId: dept.GetId(), Title: "질문", Body: "질문 내용입니다"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	f.post(t, official, dept.GetId(), "공지", "부서 공지 내용입니다")
	_, err = f.api.CreatePost(public, &boardv1.CreatePostRequest{BoardId: citizens.GetId(), Title: "익명", Body: "익명 글입니다"})
	servicetest.RequireCode(t, err, codes.Unauthenticated)
}
