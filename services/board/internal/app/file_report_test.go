package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// A5: a report opens the item's case and is announced once per person;
// the author cannot report their own item.
func TestFileReport(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	v := f.post(t, citizen, f.board, body)
	f.events()
	in := app.NewReport{Kind: domain.KindPost, TargetID: v.Item.ID, Ground: "A5.6", Text: "욕설이 있습니다"}

	_, _, err := f.app.FileReport(as(anonymous), in)
	errstest.RequireOutcome(t, errs.KindUnauthenticated, "", err)
	_, _, err = f.app.FileReport(as(citizen), in)
	errstest.RequireOutcome(t, errs.KindFailedPrecondition, "", err)
	require.Equal(t, "OWN_ITEM_REPORT", errs.ReasonOf(err))
	_, _, err = f.app.FileReport(as(other), app.NewReport{Kind: domain.KindComment, TargetID: v.Item.ID, Ground: "A5.6", Text: "욕설이 있습니다"})
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)
	require.Empty(t, f.events())

	r, dup, err := f.app.FileReport(as(other), in)
	require.NoError(t, err)
	require.False(t, dup)
	require.Equal(t, []domain.Event{domain.ReportFiled{ReportID: r.ID, ItemID: v.Item.ID, Kind: domain.KindPost,
		Ground: domain.Ground("A5.6"), At: f.clock.Now()}}, f.events())
	cs := f.store.cases[v.Item.ID]
	require.True(t, cs.Open)
	require.Len(t, cs.Reports, 1)

	again, dup, err := f.app.FileReport(as(other), in)
	require.NoError(t, err)
	require.True(t, dup)
	require.Equal(t, r.ID, again.ID)
	require.Empty(t, f.events())
	require.Equal(t, cs.Urgency, f.store.cases[v.Item.ID].Urgency, "a repeated report does not raise the urgency")
	require.Equal(t, v.Item.Revision, f.store.items[v.Item.ID].Revision, "a report does not change the item's etag")
}
