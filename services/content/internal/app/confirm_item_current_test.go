package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.1: confirming a published item starts a new review cycle from now and
// clears its staleness; it is recorded (history) but not published as an
// event of its own.
func TestConfirmItemCurrent(t *testing.T) {
	t.Parallel()
	for _, tc := range []transition{
		{"official of the department", digital, domain.StatusPublished, errstest.Succeeds},
		{"admin", admin, domain.StatusPublished, errstest.Succeeds},
		{"draft", digital, domain.StatusDraft, errs.KindFailedPrecondition},
		{"official of another department", culture, domain.StatusPublished, errs.KindPermissionDenied},
		{"citizen", citizen, domain.StatusPublished, errs.KindPermissionDenied},
		{"anonymous", anonymous, domain.StatusPublished, errs.KindUnauthenticated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, it := tc.run(t, func(f *fixture, ctx context.Context, it *domain.Item) error {
				f.clock.Advance(200 * day) // the review is overdue
				_, err := f.app.ConfirmItemCurrent(ctx, app.Target{ID: it.ID})
				return err
			})
			stored := f.items.byID[it.ID]
			if tc.want != errstest.Succeeds {
				require.Equal(t, it.NextReviewDue, stored.NextReviewDue, "nothing changed")
				require.Empty(t, f.items.written)
				return
			}
			require.False(t, stored.IsStale(f.clock.Now()))
			require.Equal(t, f.clock.Now().Add(180*day), stored.NextReviewDue)
			require.Len(t, f.items.written, 1)
			require.Equal(t, domain.ActionVerified, f.items.written[0].(domain.ItemChanged).Action)
		})
	}
}
