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

func decide(kind domain.Kind, id string, out domain.Outcome) app.DecideInput {
	in := app.DecideInput{Kind: kind, TargetID: id, DecisionInput: domain.DecisionInput{Outcome: out}}
	switch out {
	case domain.OutcomeRemove:
		in.Ground, in.PublicExplanation = "A5.6", "욕설이 포함되어 삭제합니다"
	case domain.OutcomeHide:
		in.HideDays, in.PublicExplanation = 7, "검토 중입니다"
	}
	return in
}

// A5.0: who decides, what a decision changes, closes and announces.
func TestDecideModeration(t *testing.T) {
	t.Parallel()
	author := identity.Claims{Subject: "mod-author", Roles: []identity.Role{identity.RoleModerator, identity.RoleCitizen}}
	contractor := identity.Claims{Subject: "mod-c", Roles: []identity.Role{identity.RoleModerator}, Boards: []string{"elsewhere"}}
	cases := []struct {
		name      string
		caller    identity.Claims
		by        identity.Claims // the item's author
		pre       bool
		outcome   domain.Outcome
		kind      errs.Kind
		status    domain.Status
		caseOpen  bool
		published bool // the event a decision announces
		removed   bool
	}{
		{name: "citizen", caller: other, by: citizen, outcome: domain.OutcomeRemove, kind: errs.KindPermissionDenied},
		{name: "A3.2 contractor off their boards", caller: contractor, by: citizen, outcome: domain.OutcomeRemove, kind: errs.KindPermissionDenied},
		{name: "own item", caller: author, by: author, outcome: domain.OutcomeRemove, kind: errs.KindPermissionDenied},
		{name: "remove a published post: announced, case closed", caller: moderator, by: citizen, outcome: domain.OutcomeRemove,
			status: domain.StatusRemoved, removed: true},
		{name: "hide: case stays open, nothing announced", caller: moderator, by: citizen, outcome: domain.OutcomeHide,
			status: domain.StatusHidden, caseOpen: true},
		{name: "keep a pending post: published and announced", caller: moderator, by: citizen, pre: true, outcome: domain.OutcomeKeep,
			status: domain.StatusVisible, published: true},
		{name: "remove a pending post: nothing to claw back", caller: moderator, by: citizen, pre: true, outcome: domain.OutcomeRemove,
			status: domain.StatusRemoved},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			b := f.board
			if tc.pre {
				b = f.pre
			}
			v := f.post(t, tc.by, b, body)
			_, _, err := f.app.FileReport(as(second), app.NewReport{Kind: domain.KindPost, TargetID: v.Item.ID, Ground: "A5.6", Text: "욕설"})
			require.NoError(t, err)
			f.events()
			d, err := f.app.DecideModeration(as(tc.caller), decide(domain.KindPost, v.Item.ID, tc.outcome))
			if tc.kind != 0 {
				errstest.RequireOutcome(t, tc.kind, "", err)
				require.Empty(t, f.store.decisions, "a refused decision stores nothing")
				require.Equal(t, v.Item.Status, f.store.items[v.Item.ID].Status)
				return
			}
			require.NoError(t, err)
			require.Equal(t, f.store.decisions[d.ID], d)
			require.Equal(t, domain.SourceReport, d.Source)
			require.Equal(t, "D100", d.DepartmentCode)
			require.NotNil(t, d.SignalAt, "the case was open: time to decision counts from it")
			it := f.store.items[v.Item.ID]
			require.Equal(t, tc.status, it.Status)
			require.Equal(t, tc.caseOpen, f.store.cases[v.Item.ID].Open)
			evs := f.events()
			switch {
			case tc.removed:
				require.Equal(t, []domain.Event{domain.ItemRemoved{ItemID: it.ID, PostID: it.ID, BoardID: b.ID,
					AuthorSubject: tc.by.Subject, Kind: domain.KindPost, Ground: "A5.6", DecisionID: d.ID,
					DepartmentCode: "D100", At: d.DecidedAt}}, evs)
			case tc.published:
				require.Equal(t, []domain.Event{domain.ItemPublished{ItemID: it.ID, PostID: it.ID, BoardID: b.ID,
					AuthorSubject: tc.by.Subject, Kind: domain.KindPost, At: d.DecidedAt}}, evs)
			default:
				require.Empty(t, evs)
			}
		})
	}
}

// A5.0: a moderator without a department decides for the board's; a
// stale etag or a removed item refuses a second decision.
func TestDecideModerationDepartmentAndState(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	v := f.post(t, citizen, f.board, body)
	nodept := identity.Claims{Subject: "mod-x", Roles: []identity.Role{identity.RoleModerator}}
	in := decide(domain.KindPost, v.Item.ID, domain.OutcomeRemove)
	in.Etag = `"99"`
	_, err := f.app.DecideModeration(as(nodept), in)
	errstest.RequireOutcome(t, errs.KindConflict, "", err)

	d, err := f.app.DecideModeration(as(nodept), decide(domain.KindPost, v.Item.ID, domain.OutcomeRemove))
	require.NoError(t, err)
	require.Equal(t, f.board.DepartmentCode, d.DepartmentCode)
	require.Equal(t, domain.SourceOwnInitiative, d.Source)

	_, err = f.app.DecideModeration(as(moderator), decide(domain.KindPost, v.Item.ID, domain.OutcomeKeep))
	errstest.RequireOutcome(t, errs.KindFailedPrecondition, "", err)
	require.Equal(t, "ALREADY_REMOVED", errs.ReasonOf(err))

	_, err = f.app.DecideModeration(as(moderator), decide(domain.KindPost, newUUID(), domain.OutcomeKeep))
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)
	require.Equal(t, "BOARD_ITEM_NOT_FOUND", errs.ReasonOf(err))
}
