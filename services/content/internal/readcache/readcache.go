// Package readcache keeps published items in memory as the anonymous public
// reads them, so the most read pages of the homepage are answered without a
// query (issue 17). Only what every anonymous reader gets alike is kept:
// the app puts published items read by no one signed in, never an editor's
// view, a draft or anything a caller's identity changes.
//
// An item is dropped when it may have changed: when this replica commits a
// write (Invalidating wraps the store's database), when any replica's
// change is announced by one of the service's domain events over NATS
// (Follow; every replica subscribes, without a queue group), and after a
// short TTL, the safety net for what no event announces (view counts,
// department contacts changed on another replica). Invalidation bumps a
// generation every kept item carries: an item read while a change
// committed is stored under the old generation and never served. The
// cache serves only while its subscription is live: events missed while
// NATS was away could leave stale items, so it is emptied when it returns.
package readcache

import (
	"sync/atomic"
	"time"

	"github.com/maypok86/otter/v2"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Cache holds items by key (the app's lookups by id or by slug). A nil
// *Cache keeps nothing. Kept items are shared by every reader and never
// modified.
type Cache struct {
	store  *otter.Cache[string, entry]
	gen    atomic.Uint64
	online atomic.Bool
}

type entry struct {
	item *domain.Item
	gen  uint64
}

// New returns a cache holding about sizeMiB of items for at most ttl each,
// or nil (keeping nothing) when either is not positive. It serves nothing until Follow's
// subscription is live.
func New(sizeMiB int, ttl time.Duration) *Cache {
	if sizeMiB <= 0 || ttl <= 0 {
		return nil
	}
	return &Cache{store: otter.Must(&otter.Options[string, entry]{
		MaximumWeight:    uint64(sizeMiB) << 20,
		Weigher:          weigh,
		ExpiryCalculator: otter.ExpiryWriting[string, entry](ttl),
	})}
}

// weigh approximates an item's memory: its key and texts, and a fixed
// part for the rest.
func weigh(key string, e entry) uint32 {
	n := len(key) + 512
	for lang, t := range e.item.Texts {
		n += len(lang) + len(t.Title) + len(t.Summary) + len(t.Body)
	}
	return uint32(min(n, 1<<31))
}

// Get returns the item kept under key, if it is still current.
func (c *Cache) Get(key string) (*domain.Item, bool) {
	if c == nil || !c.online.Load() {
		return nil, false
	}
	e, ok := c.store.GetIfPresent(key)
	if !ok || e.gen != c.gen.Load() {
		return nil, false
	}
	return e.item, true
}

// Generation is taken before reading an item to Put: a change committed
// after it makes that read unservable.
func (c *Cache) Generation() uint64 {
	if c == nil {
		return 0
	}
	return c.gen.Load()
}

// Put keeps it under key, as read at generation gen.
func (c *Cache) Put(key string, it *domain.Item, gen uint64) {
	if c == nil || gen != c.gen.Load() {
		return
	}
	c.store.Set(key, entry{item: it, gen: gen})
}

// Invalidate makes every kept item unservable.
func (c *Cache) Invalidate() {
	if c != nil {
		c.gen.Add(1)
	}
}

// Resume empties the cache and serves again.
func (c *Cache) Resume() {
	c.Invalidate()
	c.online.Store(true)
}

// Suspend stops serving until Resume.
func (c *Cache) Suspend() { c.online.Store(false) }

// Online reports whether items are served from memory.
func (c *Cache) Online() bool { return c != nil && c.online.Load() }
