package clock_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clock"
)

func TestSystemIsUTCMicroseconds(t *testing.T) {
	t.Parallel()
	now := clock.System()
	require.Equal(t, time.UTC, now.Location())
	require.Zero(t, now.Nanosecond()%1000, "PostgreSQL keeps microseconds; a finer instant would not read back equal")
}

func TestOrFallsBackToSystem(t *testing.T) {
	t.Parallel()
	fake := clock.NewFake(time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC))
	require.Equal(t, fake.Now(), clock.Or(fake.Now)())
	require.WithinDuration(t, time.Now(), clock.Or(nil)(), time.Minute)
}

func TestFakeMovesOnlyWhenTold(t *testing.T) {
	t.Parallel()
	seoul := time.FixedZone("KST", 9*3600)
	f := clock.NewFake(time.Date(2026, 12, 5, 18, 0, 0, 1234, seoul))
	require.Equal(t, time.Date(2026, 12, 5, 9, 0, 0, 1000, time.UTC), f.Now())
	require.Equal(t, f.Now(), f.Now())
	require.Equal(t, time.Date(2026, 12, 6, 9, 0, 0, 1000, time.UTC), f.Advance(24*time.Hour))
	f.Set(time.Date(2027, 1, 1, 0, 0, 0, 0, seoul))
	require.Equal(t, time.Date(2026, 12, 31, 15, 0, 0, 0, time.UTC), f.Now())
}

func TestFakeIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	f := clock.NewFake(time.Unix(0, 0))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				f.Advance(time.Second)
				_ = f.Now()
			}
		}()
	}
	wg.Wait()
	require.Equal(t, time.Unix(800, 0).UTC(), f.Now())
}
