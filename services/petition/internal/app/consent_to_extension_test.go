package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// A6.2 (시행령 제21조①): consent to a further extension is the
// complainant's alone; anyone else learns nothing of the complaint (404),
// and a refused call stores nothing.
func TestConsentToExtension(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		caller   identity.Claims
		extended bool
		granted  bool
		want     errs.Kind
		consent  domain.ExtensionConsent
	}{
		{"complainant grants", complainer, true, true, errstest.Succeeds, domain.ConsentGranted},
		{"complainant refuses", complainer, true, false, errstest.Succeeds, domain.ConsentRefused},
		{"before any extension", complainer, false, true, errs.KindFailedPrecondition, ""},
		{"another citizen", stranger, true, true, errs.KindNotFound, ""},
		{"holding department", holder, true, true, errs.KindNotFound, ""},
		{"Mayor's office", mayor, true, true, errs.KindNotFound, ""},
		{"admin", admin, true, true, errs.KindNotFound, ""},
		{"anonymous", anonymous, true, true, errs.KindUnauthenticated, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			if tc.extended {
				_, err := f.app.ExtendComplaint(as(holder), app.Target{ID: f.id}, "7d", "현장 확인", false)
				require.NoError(t, err)
				f.store.events = nil
			}
			revision := f.stored().Revision
			got, err := f.app.ConsentToExtension(as(tc.caller), app.Target{ID: f.id}, tc.granted)
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.want != errstest.Succeeds {
				require.Equal(t, revision, f.stored().Revision, "nothing stored")
				require.Equal(t, domain.ConsentNotGiven, f.stored().ExtensionConsent)
				require.Empty(t, f.store.events)
				return
			}
			require.Equal(t, tc.consent, got.ExtensionConsent)
			require.Equal(t, f.clock.Now(), got.ExtensionConsentAt)
			ev := f.store.events[0].(domain.ComplaintChanged)
			require.Equal(t, "extension_consent", ev.Kind)
			require.Equal(t, string(tc.consent), ev.Detail)
		})
	}
}
