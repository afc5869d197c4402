package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

const body = "공원 산책로에 가로등을 더 설치해 주시면 좋겠습니다."

// A5: who may post where, and what a new post records.
func TestCreatePost(t *testing.T) {
	t.Parallel()
	verified := identity.Claims{Subject: "citizen-rn", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true}
	cases := []struct {
		name    string
		caller  identity.Claims
		board   func(f *fixture) domain.Board
		setup   func(t *testing.T, f *fixture)
		kind    errs.Kind
		reason  string
		status  domain.Status
		display string
		events  int
	}{
		{name: "anonymous", caller: anonymous, board: func(f *fixture) domain.Board { return f.board },
			kind: errs.KindUnauthenticated},
		{name: "published at once, announced", caller: citizen, board: func(f *fixture) domain.Board { return f.board },
			status: domain.StatusVisible, events: 1},
		{name: "pre-moderated: pending, not announced", caller: citizen, board: func(f *fixture) domain.Board { return f.pre },
			status: domain.StatusPending},
		{name: "A5.7 real-name board without the claim", caller: citizen, board: func(f *fixture) domain.Board { return f.realNames },
			kind: errs.KindFailedPrecondition, reason: "REAL_NAME_REQUIRED"},
		{name: "A5.7 real-name board without a name on file", caller: verified, board: func(f *fixture) domain.Board { return f.realNames },
			kind: errs.KindFailedPrecondition, reason: "REAL_NAME_NOT_ON_FILE"},
		{name: "A5.7 real-name board shows the masked name", caller: verified, board: func(f *fixture) domain.Board { return f.realNames },
			setup: func(t *testing.T, f *fixture) { f.storeName(t, "citizen-rn", "홍길동") }, status: domain.StatusVisible,
			display: "홍*동", events: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			if tc.setup != nil {
				tc.setup(t, f)
			}
			v, err := f.app.CreatePost(as(tc.caller), app.NewPost{BoardID: tc.board(f).ID, Title: "제목입니다", Body: body})
			if tc.reason != "" || tc.kind != 0 {
				errstest.RequireOutcome(t, tc.kind, "", err)
				if tc.reason != "" {
					require.Equal(t, tc.reason, errs.ReasonOf(err))
				}
				require.Empty(t, f.store.items, "a refused post stores nothing")
				require.Empty(t, f.events())
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.status, v.Item.Status)
			if tc.display != "" {
				require.Equal(t, tc.display, v.Item.AuthorDisplay)
			}
			evs := f.events()
			require.Len(t, evs, tc.events)
			if tc.events > 0 {
				require.Equal(t, domain.ItemPublished{ItemID: v.Item.ID, PostID: v.Item.ID, BoardID: v.Item.BoardID,
					AuthorSubject: tc.caller.Subject, Kind: domain.KindPost, At: f.clock.Now()}, evs[0])
			}
			cs, open := f.store.cases[v.Item.ID]
			require.Equal(t, tc.status == domain.StatusPending, open && cs.Open, "a pending post waits in the queue")
		})
	}
}

// A5.8: a retry with the same request id returns the first post and
// announces it once; an exact repeat of the author's text is refused.
func TestCreatePostRetryAndRepeat(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	in := app.NewPost{BoardID: f.board.ID, RequestID: "req-1", Title: "제목입니다", Body: body}
	first, err := f.app.CreatePost(as(citizen), in)
	require.NoError(t, err)
	again, err := f.app.CreatePost(as(citizen), in)
	require.NoError(t, err)
	require.Equal(t, first.Item.ID, again.Item.ID)
	require.Len(t, f.events(), 1)

	theirs, err := f.app.CreatePost(as(other), in)
	require.NoError(t, err)
	require.NotEqual(t, first.Item.ID, theirs.Item.ID, "request ids are scoped to their caller")
	f.events()

	_, err = f.app.CreatePost(as(citizen), app.NewPost{BoardID: f.pre.ID, Title: "제목입니다", Body: body})
	errstest.RequireOutcome(t, errs.KindFailedPrecondition, "", err)
	require.Equal(t, "REPEATED_POST", errs.ReasonOf(err))
	require.Len(t, f.store.items, 2)
	require.Empty(t, f.events())
}

// A5: a comment needs a visible post.
func TestCreateComment(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	post := f.post(t, citizen, f.board, body)
	pending := f.post(t, citizen, f.pre, "사전 검토 게시판에 올리는 다른 내용의 글입니다.")
	f.events()

	_, err := f.app.CreateComment(as(other), app.NewComment{PostID: pending.Item.ID, Body: "댓글을 남깁니다 감사합니다"})
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)

	c, err := f.app.CreateComment(as(other), app.NewComment{PostID: post.Item.ID, Body: "댓글을 남깁니다 감사합니다"})
	require.NoError(t, err)
	require.Equal(t, post.Item.ID, c.Item.PostID)
	require.Equal(t, []domain.Event{domain.ItemPublished{ItemID: c.Item.ID, PostID: post.Item.ID, BoardID: f.board.ID,
		AuthorSubject: other.Subject, Kind: domain.KindComment, At: f.clock.Now()}}, f.events())
}
