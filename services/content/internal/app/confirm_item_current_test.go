package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.1: confirming a published item starts a new review cycle from now and
// clears its staleness; it is recorded (history) but not published as an
// event of its own.
func TestConfirmItemCurrent(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		caller identity.Claims
		status domain.Status
		want   errs.Kind
	}{
		{"official of the department", digital, domain.StatusPublished, succeeds},
		{"admin", admin, domain.StatusPublished, succeeds},
		{"draft", digital, domain.StatusDraft, errs.KindFailedPrecondition},
		{"official of another department", culture, domain.StatusPublished, errs.KindPermissionDenied},
		{"citizen", citizen, domain.StatusPublished, errs.KindPermissionDenied},
		{"anonymous", anonymous, domain.StatusPublished, errs.KindUnauthenticated},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			it := f.seed(t, "SMG-DIGITAL", tc.status)
			f.clock.Advance(200 * day) // the review is overdue
			got, err := f.app.ConfirmItemCurrent(as(tc.caller), app.Target{ID: it.ID})
			requireOutcome(t, tc.want, err)
			if tc.want != succeeds {
				require.Equal(t, it.NextReviewDue, f.items.byID[it.ID].NextReviewDue, "nothing changed")
				require.Empty(t, f.items.written)
				return
			}
			require.False(t, got.IsStale(f.clock.Now()))
			require.Equal(t, f.clock.Now().Add(180*day), got.NextReviewDue)
			require.Len(t, f.items.written, 1)
			require.Equal(t, domain.ActionVerified, f.items.written[0].(domain.ItemChanged).Action)
		})
	}
}
