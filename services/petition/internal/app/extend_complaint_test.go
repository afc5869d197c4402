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

// A6.2: the department holding a complaint, the Mayor's office and the
// department's system extend it; others learn nothing of it (404) or are
// refused; an official cannot assert the complainant's consent; refused
// calls store nothing.
func TestExtendComplaint(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		caller  identity.Claims
		consent bool
		want    errs.Kind
	}{
		{"holding department", holder, false, errstest.Succeeds},
		{"Mayor's office", mayor, false, errstest.Succeeds},
		{"admin", admin, false, errstest.Succeeds},
		{"the department's system", system, false, errstest.Succeeds},
		{"another department", outsider, false, errs.KindNotFound},
		{"the complainant", complainer, false, errs.KindPermissionDenied},
		{"another citizen", stranger, false, errs.KindPermissionDenied},
		{"anonymous", anonymous, false, errs.KindUnauthenticated},
		{"official asserting consent", holder, true, errs.KindInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			before := *f.stored()
			got, err := f.app.ExtendComplaint(as(tc.caller), app.Target{ID: f.id}, "7d", "현장 확인", tc.consent)
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.want != errstest.Succeeds {
				require.Equal(t, before.Revision, f.stored().Revision, "nothing stored")
				require.Empty(t, f.stored().Extensions)
				require.Empty(t, f.store.events)
				return
			}
			require.Len(t, got.Extensions, 1)
			require.True(t, got.Due.At.After(before.Due.At))
			require.Equal(t, "extended", f.store.events[0].(domain.ComplaintChanged).Kind)
		})
	}
}

// A6.2 (시행령 제21조①): the second extension takes the consent the
// complainant gave; without it, or after a refusal, it is refused; a third
// never happens.
func TestSecondExtensionNeedsTheComplainantsConsent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	target := app.Target{ID: f.id}
	_, err := f.app.ExtendComplaint(as(holder), target, "7d", "현장 확인", false)
	require.NoError(t, err)
	_, err = f.app.ExtendComplaint(as(holder), target, "2d", "협의", false)
	errstest.RequireOutcome(t, errs.KindFailedPrecondition, "", err)
	_, err = f.app.ConsentToExtension(as(complainer), target, false)
	require.NoError(t, err)
	_, err = f.app.ExtendComplaint(as(holder), target, "2d", "협의", false)
	errstest.RequireOutcome(t, errs.KindFailedPrecondition, "", err)
	_, err = f.app.ConsentToExtension(as(complainer), target, true)
	require.NoError(t, err)
	got, err := f.app.ExtendComplaint(as(holder), target, "2d", "협의", false)
	require.NoError(t, err)
	require.True(t, got.Extensions[1].ComplainantConsent)
	_, err = f.app.ExtendComplaint(as(mayor), target, "1d", "또", false)
	errstest.RequireOutcome(t, errs.KindFailedPrecondition, "", err)
	require.Len(t, f.stored().Extensions, 2)
}
