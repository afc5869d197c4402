package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// A3.2: a contractor moderator (claims limited to the boards of their
// grants) decides on, resolves appeals of, and sees the pending and
// removed items of those boards only; a city moderator moderates every
// board.
func TestA3_2_ContractorModeratorOnlyOnGrantedBoards(t *testing.T) {
	t.Parallel()
	now := time.Now()
	contractor := identity.Claims{Subject: "k1", Roles: []identity.Role{identity.RoleModerator}, Boards: []string{"board-a"}}
	city := identity.Claims{Subject: "m1", Roles: []identity.Role{identity.RoleModerator}}
	ours := domain.Item{Kind: domain.KindPost, BoardID: "board-a", AuthorSubject: "c1", Status: domain.StatusVisible}
	theirs := ours
	theirs.BoardID = "board-b"
	require.NoError(t, domain.MayDecide(contractor, ours, domain.OutcomeRemove, now))
	require.True(t, errs.Is(domain.MayDecide(contractor, theirs, domain.OutcomeRemove, now), errs.KindPermissionDenied))
	require.NoError(t, domain.MayDecide(city, theirs, domain.OutcomeRemove, now))

	appeal := domain.Appeal{AppellantSubject: "c1", Status: domain.AppealPending}
	require.True(t, errs.Is(domain.MayResolveAppeal(contractor, appeal, domain.Decision{ModeratorSubject: "m2", BoardID: "board-b"}),
		errs.KindPermissionDenied), "an appeal on another board")
	require.NoError(t, domain.MayResolveAppeal(contractor, appeal, domain.Decision{ModeratorSubject: "m2", BoardID: "board-a"}))

	theirs.Status = domain.StatusPending
	require.False(t, theirs.Viewable(contractor, now), "another board's pending post")
	require.True(t, theirs.Viewable(city, now))
}
