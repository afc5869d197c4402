// Package clock is the suite's one source of "now". Application code takes
// a Clock instead of calling time.Now, so tests move time with a Fake
// instead of sleeping or rewriting rows.
package clock

import (
	"sync"
	"time"
)

// Clock returns the current instant.
type Clock func() time.Time

// System reads the wall clock in UTC, truncated to microseconds: that is
// PostgreSQL's precision, so an instant written and read back compares equal
// (etags, history rows and events carry the same value).
func System() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Or returns c, or System when c is nil, so configurations may leave the
// clock unset outside tests.
func Or(c Clock) Clock {
	if c == nil {
		return System
	}
	return c
}

// Fake is a clock that moves only when told to. It is safe for concurrent
// use; pass its Now method where a Clock is wanted.
type Fake struct {
	mu  sync.Mutex
	now time.Time
}

// NewFake returns a fake clock standing at start (in UTC, microseconds).
func NewFake(start time.Time) *Fake {
	return &Fake{now: start.UTC().Truncate(time.Microsecond)}
}

// Now returns the fake's current instant.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Set moves the clock to t (in UTC, microseconds).
func (f *Fake) Set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = t.UTC().Truncate(time.Microsecond)
}

// Advance moves the clock forward by d and returns the new instant.
func (f *Fake) Advance(d time.Duration) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d).Truncate(time.Microsecond)
	return f.now
}
