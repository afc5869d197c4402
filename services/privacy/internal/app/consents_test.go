package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// A10.2: consent is the subject's to give under a published policy version;
// a privacy officer may record a withdrawal received otherwise; the
// subject, privacy officers and admins see the consents.
func TestConsentAuthorization(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name                  string
		claims                identity.Claims
		grant, withdraw, list errs.Kind
	}{
		{"the subject", citizen("cit-1"), ok, ok, ok},
		{"another citizen", citizen("cit-2"), errs.KindPermissionDenied, errs.KindPermissionDenied, errs.KindPermissionDenied},
		{"privacy officer", officer, errs.KindPermissionDenied, ok, ok},
		{"admin", admin, errs.KindPermissionDenied, errs.KindPermissionDenied, ok},
		{"official", official("o-1", "SMG-ROAD"), errs.KindPermissionDenied, errs.KindPermissionDenied, errs.KindPermissionDenied},
		{"anonymous", anonymous, errs.KindUnauthenticated, errs.KindUnauthenticated, errs.KindUnauthenticated},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.policies["1.0"] = domain.Policy{Version: "1.0"}
			_, err := f.app.GrantConsent(as(tc.claims), "cit-1", "event_newsletter", "1.0")
			require.Equal(t, tc.grant, kindOf(err), "grant: %v", err)
			if tc.grant != ok {
				require.Empty(t, f.consents, "a refused grant records nothing")
				_, err := f.app.GrantConsent(as(citizen("cit-1")), "cit-1", "event_newsletter", "1.0")
				require.NoError(t, err)
			}
			c, err := f.app.WithdrawConsent(as(tc.claims), "cit-1", "event_newsletter")
			require.Equal(t, tc.withdraw, kindOf(err), "withdraw: %v", err)
			if tc.withdraw == ok {
				require.Equal(t, f.clock.Now(), *c.WithdrawnAt)
			} else {
				require.True(t, f.consents[0].Live(), "a refused withdrawal changes nothing")
			}
			_, err = f.app.ListConsents(as(tc.claims), "cit-1")
			require.Equal(t, tc.list, kindOf(err), "list: %v", err)
		})
	}
}

// A consent names a published policy version; withdrawing twice keeps the
// first withdrawal; withdrawing what was never given is NotFound.
func TestConsentLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	me := as(citizen("cit-1"))
	_, err := f.app.GrantConsent(me, "cit-1", "event_newsletter", "9.9")
	require.Equal(t, errs.KindInvalid, kindOf(err))
	f.policies["1.0"] = domain.Policy{Version: "1.0"}
	first, err := f.app.GrantConsent(me, "cit-1", "event_newsletter", "1.0")
	require.NoError(t, err)
	again, err := f.app.GrantConsent(me, "cit-1", "event_newsletter", "1.0")
	require.NoError(t, err)
	require.Equal(t, first.ID, again.ID, "one live consent per purpose")
	w1, err := f.app.WithdrawConsent(me, "cit-1", "event_newsletter")
	require.NoError(t, err)
	f.clock.Advance(time.Hour)
	w2, err := f.app.WithdrawConsent(me, "cit-1", "event_newsletter")
	require.NoError(t, err)
	require.Equal(t, *w1.WithdrawnAt, *w2.WithdrawnAt)
	_, err = f.app.WithdrawConsent(me, "cit-1", "never_given")
	require.Equal(t, errs.KindNotFound, kindOf(err))
}
