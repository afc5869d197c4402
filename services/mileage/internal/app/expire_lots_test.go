package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// A8.2: the expiry notice goes out once per lot within the notice period;
// at expiry the remainder goes to breakage, for every citizen, in batches.
func TestA8_2_ExpiryNoticeThenExpiry(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	for _, s := range []string{"c1", "c2", "c3"} {
		f.earn(t, s, "p-"+s)
	}
	n, err := f.app.AnnounceExpiries(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "not within the notice period yet")

	f.clock.Advance(340 * 24 * time.Hour)
	n, err = f.app.AnnounceExpiries(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	n, err = f.app.AnnounceExpiries(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "once per lot")

	n, err = f.app.ExpireLots(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	f.clock.Advance(30 * 24 * time.Hour)
	n, err = f.app.ExpireLots(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, n, "drained past the batch of 2")
	for _, s := range []string{"c1", "c2", "c3"} {
		require.Zero(t, f.balance(s))
	}
	require.EqualValues(t, 30, f.db.balance[domain.Breakage(2026).Code()])
	require.Equal(t, []string{"awarded", "awarded", "awarded", "expiring", "expiring", "expiring", "expired", "expired", "expired"}, f.eventTypes())
}
