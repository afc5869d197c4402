package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Public reads are counted in memory and written by the view-counts job;
// a flush reports how much it wrote, and an empty buffer writes nothing.
func TestFlushViews(t *testing.T) {
	t.Parallel()
	f := newFixture()
	it := f.seed(t, "SMG-DIGITAL", domain.StatusPublished)
	for range 3 {
		_, err := f.app.GetItem(as(anonymous), app.GetItem{ID: it.ID})
		require.NoError(t, err)
	}
	n, err := f.app.FlushViews(context.Background())
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.Equal(t, []string{it.ID, it.ID, it.ID}, f.views.flushed)
	n, err = f.app.FlushViews(context.Background())
	require.NoError(t, err)
	require.Zero(t, n)
}
