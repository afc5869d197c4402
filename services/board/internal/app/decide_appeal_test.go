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

// removed posts a post by citizen and has moderator remove (or hide) it.
func (f *fixture) removed(t *testing.T, out domain.Outcome) (app.View, domain.Decision) {
	t.Helper()
	v := f.post(t, citizen, f.board, body)
	d, err := f.app.DecideModeration(as(moderator), decide(domain.KindPost, v.Item.ID, out))
	require.NoError(t, err)
	f.events()
	return v, d
}

// A5.9: only the author appeals, within the window, once; filing again
// returns the appeal filed.
func TestFileAppeal(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, d := f.removed(t, domain.OutcomeRemove)

	_, err := f.app.FileAppeal(as(other), d.ID, "부당합니다")
	errstest.RequireOutcome(t, errs.KindPermissionDenied, "", err)
	_, err = f.app.FileAppeal(as(citizen), newUUID(), "부당합니다")
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)

	a, err := f.app.FileAppeal(as(citizen), d.ID, "부당합니다")
	require.NoError(t, err)
	require.Equal(t, domain.AppealPending, a.Appeal.Status)
	require.Equal(t, d.ID, a.Removal.ID)
	again, err := f.app.FileAppeal(as(citizen), d.ID, "다시 제기합니다")
	require.NoError(t, err)
	require.Equal(t, a.Appeal.ID, again.Appeal.ID)
	require.Len(t, f.store.appeals, 1)

	late := newFixture(t)
	_, d = late.removed(t, domain.OutcomeRemove)
	late.clock.Advance(15 * 24 * time.Hour)
	_, err = late.app.FileAppeal(as(citizen), d.ID, "부당합니다")
	errstest.RequireOutcome(t, errs.KindFailedPrecondition, "", err)
	require.Equal(t, "APPEAL_PERIOD_ENDED", errs.ReasonOf(err))
	require.Empty(t, late.store.appeals)
}

// A5.9: a different moderator decides; a reversed removal restores the
// post and announces it, a reversed hide shows it and closes its case
// without an event, an upheld one changes nothing else.
func TestDecideAppeal(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		caller   identity.Claims
		out      domain.Outcome
		reverse  bool
		kind     errs.Kind
		status   domain.Status
		restored bool
	}{
		{name: "the moderator who decided", caller: moderator, out: domain.OutcomeRemove, reverse: true, kind: errs.KindPermissionDenied},
		{name: "a citizen", caller: other, out: domain.OutcomeRemove, reverse: true, kind: errs.KindPermissionDenied},
		{name: "reverse a removal", caller: second, out: domain.OutcomeRemove, reverse: true, status: domain.StatusVisible, restored: true},
		{name: "uphold a removal", caller: second, out: domain.OutcomeRemove, status: domain.StatusRemoved},
		{name: "reverse a hide", caller: second, out: domain.OutcomeHide, reverse: true, status: domain.StatusVisible},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			v, d := f.removed(t, tc.out)
			a, err := f.app.FileAppeal(as(citizen), d.ID, "부당합니다")
			require.NoError(t, err)
			decisions := len(f.store.decisions)

			got, restoration, err := f.app.DecideAppeal(as(tc.caller), a.Appeal.ID, tc.reverse, "검토 결과입니다")
			if tc.kind != 0 {
				errstest.RequireOutcome(t, tc.kind, "", err)
				require.Equal(t, domain.AppealPending, f.store.appeals[a.Appeal.ID].Status)
				require.Len(t, f.store.decisions, decisions)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.status, f.store.items[v.Item.ID].Status)
			evs := f.events()
			if !tc.reverse {
				require.Equal(t, domain.AppealUpheld, got.Appeal.Status)
				require.Nil(t, restoration)
				require.Empty(t, evs)
				return
			}
			require.Equal(t, domain.AppealReversed, got.Appeal.Status)
			require.NotNil(t, restoration)
			require.Equal(t, domain.OutcomeRestore, restoration.Outcome)
			require.Equal(t, *restoration, f.store.decisions[restoration.ID])
			require.False(t, f.store.cases[v.Item.ID].Open)
			if tc.restored {
				require.Equal(t, []domain.Event{domain.ItemRestored{ItemID: v.Item.ID, PostID: v.Item.ID, BoardID: f.board.ID,
					AuthorSubject: citizen.Subject, Kind: domain.KindPost, DecisionID: restoration.ID,
					OverturnedDecisionID: d.ID, OverturnedGround: d.Ground, At: restoration.DecidedAt}}, evs)
			} else {
				require.Empty(t, evs, "a hide took nothing, so its reversal announces nothing")
			}
		})
	}
}
