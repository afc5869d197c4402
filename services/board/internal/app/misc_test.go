package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// A5.5, A5.6: only moderators keep the screening word lists.
func TestScreeningWordsModeratorsOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, c := range []identity.Claims{anonymous, citizen} {
		_, err := f.app.CreateScreeningWord(as(c), domain.ScreeningWord{List: domain.ListProfanity, Word: "나쁜말"}, "추가합니다")
		require.Error(t, err)
		_, err = f.app.DeleteScreeningWord(as(c), newUUID(), "삭제합니다")
		require.Error(t, err)
		_, err = f.app.ListScreeningWords(as(c), "", 0, "")
		require.Error(t, err)
		_, _, err = f.app.ListScreeningWordChanges(as(c), 0, "")
		require.Error(t, err)
	}
	_, err := f.app.ListScreeningWords(as(moderator), "", 0, "")
	require.NoError(t, err)
}

// A10.4: an erasure drops the cached masked name; a subject is required.
func TestForgetSubject(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.store.names["citizen-1"] = "홍*동"
	errstest.RequireOutcome(t, errs.KindInvalid, "", f.app.ForgetSubject(as(anonymous), ""))
	require.NoError(t, f.app.ForgetSubject(as(anonymous), "citizen-1"))
	require.NotContains(t, f.store.names, "citizen-1")
}

// A3.1.4: admins and officials of the department open boards; a retry
// with the same request id returns the board created first.
func TestCreateBoard(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	in := domain.NewBoard{Name: "시민 제안", Purpose: "시민의 제안을 받습니다",
		Board: domain.Board{RequestID: "req-b", DepartmentCode: "D200"}}
	_, err := f.app.CreateBoard(as(citizen), in)
	errstest.RequireOutcome(t, errs.KindPermissionDenied, "", err)
	official := identity.Claims{Subject: "off-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "D200"}
	b, err := f.app.CreateBoard(as(official), in)
	require.NoError(t, err)
	again, err := f.app.CreateBoard(as(official), in)
	require.NoError(t, err)
	require.Equal(t, b.ID, again.ID)
}
