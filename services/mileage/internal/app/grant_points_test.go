package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// A8.1: manual grants are the programme's officials' and admins', never to
// themselves, audited, and large ones wait for a second official.
func TestA8_1_GrantPointsWhoMay(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		caller  identity.Claims
		subject string
		want    errs.Kind
		reason  string
	}{
		{"programme official", official, citizen.Subject, errstest.Succeeds, ""},
		{"admin", admin, citizen.Subject, errstest.Succeeds, ""},
		{"citizen", other, citizen.Subject, errs.KindPermissionDenied, "DEPARTMENT_REQUIRED"},
		{"official of another department", outsider, citizen.Subject, errs.KindPermissionDenied, "DEPARTMENT_REQUIRED"},
		{"anonymous", identity.Claims{}, citizen.Subject, errs.KindUnauthenticated, ""},
		{"to oneself", official, official.Subject, errs.KindPermissionDenied, "NO_SELF_GRANT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			g, err := f.app.GrantPoints(as(c.caller), c.subject, 500, "봉사활동 보상", "req-00000001")
			errstest.RequireOutcome(t, c.want, c.reason, err)
			if c.want != errstest.Succeeds {
				require.Empty(t, f.db.awards, "nothing stored")
				require.Empty(t, f.db.audits)
				return
			}
			require.Equal(t, domain.AwardCredited, g.Award.Status)
			require.EqualValues(t, 500, f.balance(c.subject))
			require.Len(t, f.db.audits, 1)
			require.Equal(t, "grant", f.db.audits[0].Kind)
			require.Equal(t, c.caller.Subject, f.db.audits[0].Actor)
			require.Equal(t, []string{"awarded"}, f.eventTypes())
		})
	}
}

// A8.1: every bad field is named, and nothing is stored.
func TestA8_1_GrantPointsNamesEveryBadField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.app.GrantPoints(as(official), "me", 0, "", "short")
	require.ElementsMatch(t, []string{"subject_id", "points", "reason", "request_id"}, errstest.Fields(t, err))
	require.Empty(t, f.db.awards)
	require.Empty(t, f.db.postings)
}

// A8.1: a retry under the same request id returns the first grant; another
// official's equal request id is their own grant.
func TestA8_1_GrantPointsIsIdempotentPerOfficial(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	first, err := f.app.GrantPoints(as(official), citizen.Subject, 300, "행사 참여", "req-00000001")
	require.NoError(t, err)
	again, err := f.app.GrantPoints(as(official), citizen.Subject, 300, "행사 참여", "req-00000001")
	require.NoError(t, err)
	require.Equal(t, first.Award.ID, again.Award.ID)
	require.EqualValues(t, 300, f.balance(citizen.Subject), "credited once")
	require.Len(t, f.db.postings, 1)

	theirs, err := f.app.GrantPoints(as(second), citizen.Subject, 300, "행사 참여", "req-00000001")
	require.NoError(t, err)
	require.NotEqual(t, first.Award.ID, theirs.Award.ID)
	require.EqualValues(t, 600, f.balance(citizen.Subject))
}

// A8.1, A10.1: above the threshold a grant is only requested; the reason
// is kept masked.
func TestA8_1_LargeGrantWaitsForApproval(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	g, err := f.app.GrantPoints(as(official), citizen.Subject, 25_000, "연락처 010-1234-5678 로 확인", "req-00000002")
	require.NoError(t, err)
	require.Nil(t, g.Award)
	require.Equal(t, domain.GrantPending, g.Request.Status)
	require.NotContains(t, g.Request.Reason, "1234-5678")
	require.Zero(t, f.balance(citizen.Subject))
	require.Empty(t, f.db.awards)
}
