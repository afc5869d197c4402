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

// An item's department (or an admin) withdraws it from the public; the
// archiving is announced once, and repeating it changes nothing.
func TestArchiveItem(t *testing.T) {
	t.Parallel()
	for _, tc := range []transition{
		{"official of the department", digital, domain.StatusPublished, errstest.Succeeds},
		{"admin archives a draft", admin, domain.StatusDraft, errstest.Succeeds},
		{"again", digital, domain.StatusArchived, errstest.Succeeds},
		{"official of another department", culture, domain.StatusPublished, errs.KindPermissionDenied},
		{"citizen", citizen, domain.StatusPublished, errs.KindPermissionDenied},
		{"citizen on a draft", citizen, domain.StatusDraft, errs.KindNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, it := tc.run(t, func(f *fixture, ctx context.Context, it *domain.Item) error {
				_, err := f.app.ArchiveItem(ctx, app.Target{ID: it.ID})
				return err
			})
			archived := tc.want == errstest.Succeeds && tc.status != domain.StatusArchived
			require.Equal(t, tc.want == errstest.Succeeds, f.items.byID[it.ID].Status == domain.StatusArchived)
			require.Equal(t, archived, len(f.items.written) == 1, "announced once: %v", f.items.written)
		})
	}
}
