// Package ratelimit is the suite's keyed token-bucket limiter: one bucket
// per client (an address, a subject, a machine client), with idle buckets
// evicted so memory stays bounded by the clients active recently. The edge
// limits requests with it; the privacy service limits refusals and
// lookups per caller.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// minIdle is the shortest time a bucket is kept after its last use. It
// keeps the sweep from running on every request when buckets refill fast.
const minIdle = time.Minute

// Keyed keeps one token bucket per key (a client address, a subject). Buckets idle long enough
// to have refilled completely are evicted: a fresh bucket behaves exactly
// like such a bucket, so eviction never changes a decision, and memory is
// bounded by the number of clients active within that window.
type Keyed struct {
	rps   rate.Limit
	burst int
	idle  time.Duration
	now   func() time.Time

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// New allows each key rps events per second on average and bursts of up
// to burst.
func New(rps float64, burst int) *Keyed {
	refill := time.Duration(float64(burst) / rps * float64(time.Second))
	return &Keyed{
		rps: rate.Limit(rps), burst: burst, idle: max(refill, minIdle),
		now: time.Now, buckets: map[string]*bucket{},
	}
}

// Allow takes a token from key's bucket. When none is left it reports how
// long until one will be.
func (l *Keyed) Allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.rps, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	res := b.lim.ReserveN(now, 1)
	if delay := res.DelayFrom(now); delay > 0 {
		res.CancelAt(now) // a refused request must not consume future tokens
		return false, delay
	}
	return true, 0
}

// sweep evicts idle buckets, at most once per idle period so the cost is
// amortised over many requests. The caller holds l.mu.
func (l *Keyed) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < l.idle {
		return
	}
	l.lastSweep = now
	for k, b := range l.buckets {
		if now.Sub(b.seen) >= l.idle {
			delete(l.buckets, k)
		}
	}
}

// Exhausted reports whether key's bucket is empty right now, without
// taking a token: a caller that used up its allowance (of refusals, say)
// can be turned away before any work is done for it.
func (l *Keyed) Exhausted(key string) bool {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	return ok && b.lim.TokensAt(now) < 1
}

// Len is the number of live buckets.
func (l *Keyed) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
