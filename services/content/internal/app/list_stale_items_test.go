package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.1: a department's officials and admins list its items whose review
// is overdue at the service's now; nobody else may.
func TestListStaleItems(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		caller     identity.Claims
		department string
		want       errs.Kind
	}{
		{"official of the department", digital, "SMG-DIGITAL", errstest.Succeeds},
		{"admin", admin, "SMG-DIGITAL", errstest.Succeeds},
		{"official of another department", culture, "SMG-DIGITAL", errs.KindPermissionDenied},
		{"citizen", citizen, "SMG-DIGITAL", errs.KindPermissionDenied},
		{"anonymous", anonymous, "SMG-DIGITAL", errs.KindUnauthenticated},
		{"bad code", admin, "digital", errs.KindInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			overdue := f.seed(t, "SMG-DIGITAL", domain.StatusPublished)
			f.clock.Advance(100 * day)
			f.seed(t, "SMG-DIGITAL", domain.StatusPublished)
			f.clock.Advance(100 * day) // the first is 20 days overdue, the second not yet
			items, _, err := f.app.ListStaleItems(as(tc.caller), tc.department, pagetoken.Page{})
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.want != errstest.Succeeds {
				require.True(t, f.items.staleAt.IsZero(), "the store is not asked")
				return
			}
			require.Equal(t, f.clock.Now(), f.items.staleAt)
			require.Len(t, items, 1)
			require.Equal(t, overdue.ID, items[0].ID)
		})
	}
}
