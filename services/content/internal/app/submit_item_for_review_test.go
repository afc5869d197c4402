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

// A draft goes to review by its department's officials or admins; it is
// not public yet, so nothing is announced, and others never learn of it.
func TestSubmitItemForReview(t *testing.T) {
	t.Parallel()
	for _, tc := range []transition{
		{"official of the department", digital, domain.StatusDraft, errstest.Succeeds},
		{"admin", admin, domain.StatusDraft, errstest.Succeeds},
		{"already in review", digital, domain.StatusInReview, errs.KindFailedPrecondition},
		{"published", digital, domain.StatusPublished, errs.KindFailedPrecondition},
		{"official of another department", culture, domain.StatusDraft, errs.KindNotFound},
		{"another department's published item", culture, domain.StatusPublished, errs.KindPermissionDenied},
		{"citizen", citizen, domain.StatusDraft, errs.KindNotFound},
		{"anonymous", anonymous, domain.StatusDraft, errs.KindNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, it := tc.run(t, func(f *fixture, ctx context.Context, it *domain.Item) error {
				_, err := f.app.SubmitItemForReview(ctx, app.Target{ID: it.ID})
				return err
			})
			want := tc.status
			if tc.want == errstest.Succeeds {
				want = domain.StatusInReview
			}
			require.Equal(t, want, f.items.byID[it.ID].Status)
			require.Empty(t, f.items.written)
		})
	}
}
