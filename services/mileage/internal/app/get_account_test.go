package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
)

// A8.3: a citizen sees their own account ("me"), the programme's officials
// and admins any; others' ids are refused, as are malformed ones.
func TestA8_3_WhoSeesAnAccount(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		caller  identity.Claims
		subject string
		want    errs.Kind
	}{
		{"own, as me", citizen, "me", errstest.Succeeds},
		{"own, by id", citizen, citizen.Subject, errstest.Succeeds},
		{"programme official", official, citizen.Subject, errstest.Succeeds},
		{"admin", admin, citizen.Subject, errstest.Succeeds},
		{"another citizen", other, citizen.Subject, errs.KindPermissionDenied},
		{"official of another department", outsider, citizen.Subject, errs.KindPermissionDenied},
		{"anonymous", identity.Claims{}, "me", errs.KindUnauthenticated},
		{"malformed id", official, "bad id\x00", errs.KindInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.earn(t, citizen.Subject, "p1")
			v, err := f.app.GetAccount(as(c.caller), c.subject)
			errstest.RequireOutcome(t, c.want, "", err)
			if c.want == errstest.Succeeds {
				require.Equal(t, citizen.Subject, v.Subject)
				require.EqualValues(t, 10, v.Balance)
			}
			_, _, err = f.app.ListHistoryLines(as(c.caller), c.subject, 10, "")
			errstest.RequireOutcome(t, c.want, "", err)
		})
	}
}

// A8.1: a redemption is its citizen's and the staff's; to anyone else it
// does not exist.
func TestA8_1_GetRedemptionIsNotFoundToOthers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.earn(t, citizen.Subject, "p1")
	r, err := f.app.Redeem(as(citizen), redeemReq("key-00000001", 10))
	require.NoError(t, err)
	for _, c := range []identity.Claims{citizen, official, admin} {
		got, err := f.app.GetRedemption(as(c), r.ID)
		require.NoError(t, err)
		require.Equal(t, r.ID, got.ID)
	}
	_, err = f.app.GetRedemption(as(other), r.ID)
	errstest.RequireOutcome(t, errs.KindNotFound, "REDEMPTION_NOT_FOUND", err)
	_, err = f.app.GetRedemption(as(other), "nope")
	require.ElementsMatch(t, []string{"redemption_id"}, errstest.Fields(t, err))
}

// A10.4: an erased citizen's redemptions lose their token, masked number
// and fingerprint; nothing else goes.
func TestA10_4_ForgetSubjectScrubsRedemptions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.earn(t, citizen.Subject, "p1")
	r, err := f.app.Redeem(as(citizen), redeemReq("key-00000001", 10))
	require.NoError(t, err)
	n, err := f.app.ForgetSubject(context.Background(), citizen.Subject)
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	got := f.db.redemptions[r.ID]
	require.Empty(t, got.AccountToken+got.MaskedAccount+got.RequestHash)
	require.EqualValues(t, 10, got.Points)
	_, err = f.app.ForgetSubject(context.Background(), "")
	require.ElementsMatch(t, []string{"subject_id"}, errstest.Fields(t, err))
}
