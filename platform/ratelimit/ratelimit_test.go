package ratelimit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fakeClock lets the tests move time instead of sleeping.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestLimiter(rps float64, burst int) (*Keyed, *fakeClock) {
	clock := &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	l := New(rps, burst)
	l.now = clock.now
	return l, clock
}

func TestKeyedRefusesOverTheBurstAndRefills(t *testing.T) {
	t.Parallel()
	l, clock := newTestLimiter(1, 2)

	for range 2 {
		ok, _ := l.Allow("ip:10.0.0.1")
		require.True(t, ok)
	}
	ok, wait := l.Allow("ip:10.0.0.1")
	require.False(t, ok)
	require.Equal(t, time.Second, wait)

	ok, _ = l.Allow("ip:10.0.0.2")
	require.True(t, ok, "buckets are per client")

	clock.advance(time.Second)
	ok, _ = l.Allow("ip:10.0.0.1")
	require.True(t, ok)
}

func TestRefusedRequestsDoNotUseUpFutureTokens(t *testing.T) {
	t.Parallel()
	l, clock := newTestLimiter(1, 1)
	ok, _ := l.Allow("k")
	require.True(t, ok)

	for range 10 {
		ok, _ = l.Allow("k")
		require.False(t, ok)
	}
	clock.advance(time.Second)

	ok, _ = l.Allow("k")
	require.True(t, ok, "a client hammering while limited recovers after one interval")
}

func TestKeyedEvictsIdleBuckets(t *testing.T) {
	t.Parallel()
	l, clock := newTestLimiter(50, 100)
	for _, k := range []string{"a", "b", "c"} {
		l.Allow(k)
	}
	require.Equal(t, 3, l.Len())

	clock.advance(l.idle / 2)
	l.Allow("a")
	require.Equal(t, 3, l.Len(), "nothing is idle long enough yet")

	clock.advance(l.idle/2 + time.Second)
	l.Allow("d")
	require.Equal(t, 2, l.Len(), "b and c were evicted; a (recently used) and d remain")
}

func TestIdlePeriodCoversAFullRefill(t *testing.T) {
	t.Parallel()
	require.Equal(t, minIdle, New(50, 100).idle)
	require.Equal(t, 200*time.Second, New(0.5, 100).idle, "evicting earlier would forgive a drained bucket")
}
