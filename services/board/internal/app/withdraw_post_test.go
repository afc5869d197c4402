package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// A5.8: withdrawing a published post is announced (its award is clawed
// back) and closes its case; again is a no-op; a pending post that was
// never public goes silently; nobody else withdraws it.
func TestWithdrawPost(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	v := f.post(t, citizen, f.board, body)
	_, _, err := f.app.FileReport(as(other), app.NewReport{Kind: domain.KindPost, TargetID: v.Item.ID, Ground: "A5.6", Text: "욕설이 있습니다"})
	require.NoError(t, err)
	f.events()

	_, err = f.app.WithdrawPost(as(other), v.Item.ID, "")
	errstest.RequireOutcome(t, errs.KindPermissionDenied, "", err)
	_, err = f.app.WithdrawComment(as(citizen), v.Item.ID, "")
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)

	at := f.clock.Advance(time.Minute)
	out, err := f.app.WithdrawPost(as(citizen), v.Item.ID, v.Etag)
	require.NoError(t, err)
	require.Equal(t, domain.StatusWithdrawn, out.Item.Status)
	require.Equal(t, []domain.Event{domain.ItemWithdrawn{ItemID: v.Item.ID, PostID: v.Item.ID, BoardID: f.board.ID,
		AuthorSubject: citizen.Subject, Kind: domain.KindPost, At: at}}, f.events())
	require.False(t, f.store.cases[v.Item.ID].Open, "a withdrawn post leaves the queue")

	again, err := f.app.WithdrawPost(as(citizen), v.Item.ID, v.Etag)
	require.NoError(t, err, "withdrawing again is a no-op, whatever the etag")
	require.Equal(t, out.Item.Revision, again.Item.Revision)
	require.Empty(t, f.events())

	pending := f.post(t, citizen, f.pre, "사전 검토 게시판에 올리는 다른 내용의 글입니다.")
	_, err = f.app.WithdrawPost(as(citizen), pending.Item.ID, "")
	require.NoError(t, err)
	require.Empty(t, f.events(), "a post never public is withdrawn silently")
}
