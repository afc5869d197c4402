package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// The notices of the matrix below: a citizen's own matter, a notice about
// a complaint department D1 held, and a D1 reminder to one of its
// officials (o2's ID).
var (
	mileageNotice   = &domain.Notice{ID: "0193a000-0000-7000-8000-000000000001", Template: "points_expiring", RecipientSubject: "c1"}
	complaintNotice = &domain.Notice{ID: "0193a000-0000-7000-8000-000000000002", Template: "complaint_received", RecipientSubject: "c1", DepartmentCode: "D1"}
	reminderNotice  = &domain.Notice{ID: "0193a000-0000-7000-8000-000000000003", Template: "complaint_due_soon", RecipientSubject: "o2", DepartmentCode: "D1"}
)

func noticeApp() *app.App {
	return app.New(app.Ports{Notices: newNotices(mileageNotice, complaintNotice, reminderNotice)}, app.Settings{Domain: "seoul.go.kr"},
		clock.NewFake(time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)).Now)
}

var (
	anonymous   = identity.Claims{}
	citizen1    = identity.Claims{Subject: "c1", Roles: []identity.Role{identity.RoleCitizen}}
	citizen2    = identity.Claims{Subject: "c2", Roles: []identity.Role{identity.RoleCitizen}}
	officialD1  = identity.Claims{Subject: "o1", Roles: []identity.Role{identity.RoleOfficial}, Department: "D1"}
	officialO2  = identity.Claims{Subject: "o2", Roles: []identity.Role{identity.RoleOfficial}, Department: "D2"}
	officialD2  = identity.Claims{Subject: "o3", Roles: []identity.Role{identity.RoleOfficial}, Department: "D2"}
	officialNoD = identity.Claims{Subject: "o4", Roles: []identity.Role{identity.RoleOfficial}}
	adminA      = identity.Claims{Subject: "a1", Roles: []identity.Role{identity.RoleAdmin}}
)

// A10.1 least privilege in mail: citizens see their own notices; officials those
// of their department's work (its reminders, the complaints it held) and
// their own; admins all. To anyone else a notice does not exist.
func TestA10_1NoticesLeastPrivilege(t *testing.T) {
	t.Parallel()
	a := noticeApp()
	for _, tc := range []struct {
		name    string
		caller  identity.Claims
		visible []*domain.Notice
	}{
		{"the citizen sees their own", citizen1, []*domain.Notice{mileageNotice, complaintNotice}},
		{"another citizen sees none", citizen2, nil},
		{"the holding department's official sees its work, not the citizen's own matters", officialD1, []*domain.Notice{complaintNotice, reminderNotice}},
		{"an official sees their own reminder, whatever department they are in now", officialO2, []*domain.Notice{reminderNotice}},
		{"another department's official sees none", officialD2, nil},
		{"an official without a department sees none", officialNoD, nil},
		{"an admin sees all", adminA, []*domain.Notice{mileageNotice, complaintNotice, reminderNotice}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := identity.With(context.Background(), tc.caller)
			for _, n := range []*domain.Notice{mileageNotice, complaintNotice, reminderNotice} {
				got, err := a.GetNotice(ctx, n.ID)
				if containsNotice(tc.visible, n) {
					require.NoError(t, err, n.Template)
					require.Equal(t, n.ID, got.ID)
				} else {
					require.True(t, errs.Is(err, errs.KindNotFound), "%s: %v", n.Template, err)
				}
			}
			list, _, err := a.ListNotices(ctx, app.NoticeFilter{}, 0, "")
			require.NoError(t, err)
			require.ElementsMatch(t, ids(tc.visible), ids(list))
		})
	}
	_, err := a.GetNotice(context.Background(), complaintNotice.ID)
	require.True(t, errs.Is(err, errs.KindUnauthenticated))
	_, _, err = a.ListNotices(identity.With(context.Background(), anonymous), app.NoticeFilter{}, 0, "")
	require.True(t, errs.Is(err, errs.KindUnauthenticated))
}

// A citizen asking for someone else's notices is refused, not served an
// empty list; an official's filter narrows within what they may see.
func TestListNoticesFilters(t *testing.T) {
	t.Parallel()
	a := noticeApp()
	_, _, err := a.ListNotices(identity.With(context.Background(), citizen2), app.NoticeFilter{RecipientSubject: "c1"}, 0, "")
	require.True(t, errs.Is(err, errs.KindPermissionDenied), "%v", err)
	list, _, err := a.ListNotices(identity.With(context.Background(), officialD1), app.NoticeFilter{RecipientSubject: "c1"}, 0, "")
	require.NoError(t, err)
	require.Equal(t, []string{complaintNotice.ID}, ids(list))
	_, _, err = a.ListNotices(identity.With(context.Background(), adminA), app.NoticeFilter{}, -1, "")
	require.True(t, errs.Is(err, errs.KindInvalid))
}

func containsNotice(list []*domain.Notice, n *domain.Notice) bool {
	for _, x := range list {
		if x.ID == n.ID {
			return true
		}
	}
	return false
}

func ids(list []*domain.Notice) []string {
	out := []string{}
	for _, n := range list {
		out = append(out, n.ID)
	}
	return out
}
