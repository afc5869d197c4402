package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.1: the stale-detector job drains every overdue item in batches (more
// than one here), announces each transition once, and a second run finds
// nothing new; items not yet due and drafts are left alone.
func TestDetectStale(t *testing.T) {
	t.Parallel()
	f := newFixture()
	const overdue = 250 // more than two batches
	for range overdue {
		f.seed(t, "SMG-DIGITAL", domain.StatusPublished)
	}
	f.seed(t, "SMG-DIGITAL", domain.StatusDraft)
	f.clock.Advance(100 * day)
	fresh := f.seed(t, "SMG-CULTURE", domain.StatusPublished)
	f.clock.Advance(81 * day)

	n, err := f.app.DetectStale(context.Background())
	require.NoError(t, err)
	require.Equal(t, overdue, n)
	require.Len(t, f.items.written, overdue)
	for _, e := range f.items.written {
		changed := e.(domain.ItemChanged)
		require.Equal(t, domain.ActionBecameStale, changed.Action)
		require.Equal(t, f.clock.Now(), changed.At)
		require.NotEqual(t, fresh.ID, changed.ItemID)
	}
	again, err := f.app.DetectStale(context.Background())
	require.NoError(t, err)
	require.Zero(t, again)
	require.Len(t, f.items.written, overdue, "announced once")
}
