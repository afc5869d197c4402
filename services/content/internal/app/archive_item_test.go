package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// An item's department (or an admin) withdraws it from the public; the
// archiving is announced once, and repeating it changes nothing.
func TestArchiveItem(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		caller identity.Claims
		status domain.Status
		want   errs.Kind
		events int
	}{
		{"official of the department", digital, domain.StatusPublished, succeeds, 1},
		{"admin archives a draft", admin, domain.StatusDraft, succeeds, 1},
		{"again", digital, domain.StatusArchived, succeeds, 0},
		{"official of another department", culture, domain.StatusPublished, errs.KindPermissionDenied, 0},
		{"citizen", citizen, domain.StatusPublished, errs.KindPermissionDenied, 0},
		{"citizen on a draft", citizen, domain.StatusDraft, errs.KindNotFound, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			it := f.seed(t, "SMG-DIGITAL", tc.status)
			_, err := f.app.ArchiveItem(as(tc.caller), app.Target{ID: it.ID})
			requireOutcome(t, tc.want, err)
			want := tc.status
			if tc.want == succeeds {
				want = domain.StatusArchived
			}
			require.Equal(t, want, f.items.byID[it.ID].Status)
			require.Len(t, f.items.written, tc.events)
		})
	}
}
