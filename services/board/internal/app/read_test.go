package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// A5: a pending post is seen by its author and moderators only; a removed
// one is a tombstone for the public and keeps its text for the author.
func TestGetPostAndListPosts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pending := f.post(t, citizen, f.pre, body)
	for _, c := range []identity.Claims{anonymous, other} {
		_, err := f.app.GetPost(as(c), pending.Item.ID)
		errstest.RequireOutcome(t, errs.KindNotFound, "", err)
		page, err := f.app.ListPosts(as(c), f.pre.ID, 0, "")
		require.NoError(t, err)
		require.Empty(t, page.Items)
	}
	for _, c := range []identity.Claims{citizen, moderator} {
		v, err := f.app.GetPost(as(c), pending.Item.ID)
		require.NoError(t, err)
		require.Equal(t, domain.StatusPending, v.Status)
		page, err := f.app.ListPosts(as(c), f.pre.ID, 0, "")
		require.NoError(t, err)
		require.Len(t, page.Items, 1)
	}

	v := f.post(t, citizen, f.board, "다른 게시판에 올리는 다른 내용의 글입니다.")
	_, err := f.app.DecideModeration(as(moderator), decide(domain.KindPost, v.Item.ID, domain.OutcomeRemove))
	require.NoError(t, err)
	public, err := f.app.GetPost(as(anonymous), v.Item.ID)
	require.NoError(t, err)
	require.False(t, public.ShowText, "the public sees the tombstone")
	require.False(t, public.ShowFacts)
	own, err := f.app.GetPost(as(citizen), v.Item.ID)
	require.NoError(t, err)
	require.True(t, own.ShowText)
	require.True(t, own.ShowFacts)

	_, err = f.app.GetPost(as(citizen), "not-an-id")
	errstest.RequireOutcome(t, errs.KindInvalid, "", err)
	_, err = f.app.ListPosts(as(citizen), newUUID(), 0, "")
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)
}

// A5.0: the queue and the appeals are the moderators'; the queue names no
// reporter.
func TestModeratorLists(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	v := f.post(t, citizen, f.board, body)
	_, _, err := f.app.FileReport(as(other), app.NewReport{Kind: domain.KindPost, TargetID: v.Item.ID, Ground: "A5.6", Text: "욕설"})
	require.NoError(t, err)

	for _, c := range []identity.Claims{anonymous, citizen} {
		_, err := f.app.ListModerationQueueItems(as(c), 0, "")
		require.Error(t, err)
		_, err = f.app.ListAppeals(as(c), "", 0, "")
		require.Error(t, err)
	}
	page, err := f.app.ListModerationQueueItems(as(moderator), 0, "")
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	require.Equal(t, v.Item.ID, page.Entries[0].Item.ID)
	require.Len(t, page.Entries[0].Reports, 1)
	require.Empty(t, page.Entries[0].Reports[0].ReporterSubject, "reporters are not named")

	_, err = f.app.ListAppeals(as(moderator), "nonsense", 0, "")
	errstest.RequireOutcome(t, errs.KindInvalid, "", err)
	_, err = f.app.ListModerationQueueItems(as(moderator), -1, "")
	errstest.RequireOutcome(t, errs.KindInvalid, "", err)
}

// A5.0: the public log strips the moderator, the facts and the signal
// time; the transparency report refuses a period the wrong way round.
func TestPublicModeration(t *testing.T) {
	t.Parallel()
	d := domain.Decision{ID: newUUID(), ModeratorSubject: "mod-1", Facts: "사실관계", PublicExplanation: "삭제합니다"}
	now := time.Now()
	d.SignalAt = &now
	pub := app.PublicDecision(d)
	require.Empty(t, pub.ModeratorSubject)
	require.Empty(t, pub.Facts)
	require.Nil(t, pub.SignalAt)
	require.Equal(t, "삭제합니다", pub.PublicExplanation)

	f := newFixture(t)
	at := f.clock.Now()
	_, err := f.app.GetTransparencyReport(as(anonymous), at, at.Add(-time.Hour), "")
	errstest.RequireOutcome(t, errs.KindInvalid, "", err)
	_, err = f.app.GetTransparencyReport(as(anonymous), at.Add(-400*24*time.Hour), at, "")
	errstest.RequireOutcome(t, errs.KindInvalid, "", err)
	r, err := f.app.GetTransparencyReport(as(anonymous), time.Time{}, time.Time{}, "")
	require.NoError(t, err)
	require.Equal(t, at, r.To, "the period ends now by default")
	require.Equal(t, at.Add(-30*24*time.Hour), r.From)
}

// A2: a board's texts are changed by admins and officials of its
// department, with its current etag, as its next revision.
func TestUpdateBoard(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m := boardNameMask(t)
	_, err := f.app.UpdateBoard(as(citizen), app.BoardUpdate{ID: f.board.ID, Mask: m, Name: "새 이름"})
	errstest.RequireOutcome(t, errs.KindPermissionDenied, "", err)
	official := identity.Claims{Subject: "off-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "D100"}
	_, err = f.app.UpdateBoard(as(official), app.BoardUpdate{ID: f.board.ID, Etag: `"99"`, Mask: m, Name: "새 이름"})
	errstest.RequireOutcome(t, errs.KindConflict, "", err)
	require.Equal(t, int64(1), f.store.boards[f.board.ID].Revision)
	b, err := f.app.UpdateBoard(as(official), app.BoardUpdate{ID: f.board.ID, Mask: m, Name: "새 이름"})
	require.NoError(t, err)
	require.Equal(t, int64(2), b.Revision)
}

// Boards are public: anyone reads them, an unknown id is 404 and a
// malformed one names board_id.
func TestGetBoardAndListBoards(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, c := range []identity.Claims{anonymous, citizen, moderator} {
		b, err := f.app.GetBoard(as(c), f.board.ID)
		require.NoError(t, err)
		require.Equal(t, f.board.ID, b.ID)
		all, err := f.app.ListBoards(as(c))
		require.NoError(t, err)
		require.Len(t, all, 3)
	}
	_, err := f.app.GetBoard(as(anonymous), newUUID())
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)
	_, err = f.app.GetBoard(as(anonymous), "not-an-id")
	errstest.RequireOutcome(t, errs.KindInvalid, "", err)
}

// A5: a post's comments are read where the post is readable; a post the
// caller may not see answers 404, as GetPost does, and reveals no comment.
func TestListComments(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	post := f.post(t, citizen, f.board, body)
	for _, text := range []string{"첫 번째 댓글을 남깁니다 감사합니다", "두 번째 댓글도 남겨 봅니다 고맙습니다"} {
		_, err := f.app.CreateComment(as(other), app.NewComment{PostID: post.Item.ID, Body: text})
		require.NoError(t, err)
	}
	page, err := f.app.ListComments(as(anonymous), post.Item.ID, 0, "")
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	require.Equal(t, domain.KindComment, page.Items[0].Item.Kind)

	pending := f.post(t, citizen, f.pre, "사전 검토 게시판에 올리는 다른 내용의 글입니다.")
	_, err = f.app.ListComments(as(anonymous), pending.Item.ID, 0, "")
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)
	_, err = f.app.ListComments(as(citizen), pending.Item.ID, 0, "")
	require.NoError(t, err, "the author reads their pending post's (empty) thread")
	_, err = f.app.ListComments(as(anonymous), newUUID(), 0, "")
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)
	_, err = f.app.ListComments(as(anonymous), post.Item.ID, -1, "")
	errstest.RequireOutcome(t, errs.KindInvalid, "", err)
}
