// Package cache keeps the edge's answers to anonymous public reads in
// memory, so the homepage's most read pages are served without a call to
// the services (issue 17).
//
// An answer is kept per owning service, language and request target and is
// dropped when the owning service publishes a domain event (see Listen),
// when this edge forwards a change to that service (Invalidate), or after a
// short TTL, the safety net for changes no event announces. Invalidation
// is a generation counter per service that is part of every key: bumping it
// makes every answer of the service unreachable at once, including one
// being fetched while the change committed, which is then stored under the
// old generation and never served. Unreachable answers leave by TTL or
// size, as the cache is bounded by the bytes it holds (otter).
//
// What may be cached is decided by the caller (the edge's allow-list of
// public reads, anonymous requests only); this package never sees a token.
package cache

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/maypok86/otter/v2"
	"golang.org/x/sync/singleflight"
)

// Config sizes the cache. Either setting at 0 turns it off.
type Config struct {
	// SizeMiB bounds the bytes of the answers held.
	SizeMiB int `env:"EDGE_CACHE_SIZE" envDefault:"64"`
	// TTL bounds how long an answer is served without an event: the
	// safety net for changes no domain event announces.
	TTL time.Duration `env:"EDGE_CACHE_TTL" envDefault:"5s"`
	// NATSURL is where the services' domain events are heard.
	NATSURL string `env:"NATS_URL" envDefault:"nats://127.0.0.1:4222"`
}

// Enabled reports whether answers are cached at all.
func (c Config) Enabled() bool { return c.SizeMiB > 0 && c.TTL > 0 }

// Validate implements config.Validator; each problem names its variable.
func (c Config) Validate() []string {
	var p []string
	if c.SizeMiB < 0 {
		p = append(p, "EDGE_CACHE_SIZE: must be 0 (off) or a size in MiB")
	}
	if c.TTL < 0 {
		p = append(p, "EDGE_CACHE_TTL: must be 0 (off) or a positive duration")
	}
	if c.Enabled() && !strings.HasPrefix(c.NATSURL, "nats://") && !strings.HasPrefix(c.NATSURL, "tls://") {
		p = append(p, fmt.Sprintf("NATS_URL=%q: must start with nats:// or tls:// (the edge cache hears the services' events there)", c.NATSURL))
	}
	return p
}

// Answer is one HTTP answer as the edge sent it. Kept answers are shared
// between requests and never modified.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
	// Route is the matched route pattern, for the edge's metrics and log.
	Route string

	// service and gen say whose answer it is and of which generation: it
	// is served only while that service's generation is still gen.
	service string
	gen     uint64
}

// Key names an answer: the service that owns it, the caller's language as
// the edge resolved it, and the request target (path and query).
type Key struct {
	Service, Language, Target string
}

// storeKey is what an answer is kept under. The service is not part of
// it, so Lookup can run before the request is routed; the answer says
// whose it is.
func storeKey(language, target string) string { return language + "\x00" + target }

// Outcome is how Load answered.
type Outcome int

const (
	// Bypass: nothing to serve; the caller fetches the answer itself
	// (the cache is off line, or a shared fetch gave an answer that may not
	// be kept and belongs to the request that made it).
	Bypass Outcome = iota
	// Hit: a kept answer.
	Hit
	// Miss: fetched now for this caller (and kept if it may be).
	Miss
)

// String is the outcome's metric label.
func (o Outcome) String() string {
	return [...]string{"bypass", "hit", "miss"}[o]
}

// Cache is safe for concurrent use. A nil *Cache caches nothing.
type Cache struct {
	store  *otter.Cache[string, *Answer]
	flight singleflight.Group
	gens   map[string]*atomic.Uint64
	// online is false until the event subscription is live and while it
	// is broken: events missed then could leave stale answers served.
	online atomic.Bool
}

// New returns a cache for the answers of services, or nil when cfg turns it
// off. It starts off line (see Resume).
func New(cfg Config, services []string) *Cache {
	if !cfg.Enabled() {
		return nil
	}
	c := &Cache{gens: make(map[string]*atomic.Uint64, len(services))}
	for _, s := range services {
		c.gens[s] = new(atomic.Uint64)
	}
	c.store = otter.Must(&otter.Options[string, *Answer]{
		MaximumWeight:    uint64(cfg.SizeMiB) << 20,
		Weigher:          weigh,
		ExpiryCalculator: otter.ExpiryWriting[string, *Answer](cfg.TTL),
	})
	return c
}

// weigh approximates an answer's memory: its key, body and headers.
func weigh(key string, a *Answer) uint32 {
	n := len(key) + len(a.Body) + len(a.Route) + 64
	for k, vs := range a.Header {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return uint32(min(n, 1<<31))
}

// Lookup returns the kept answer for a target in a language, if it is
// still current. It needs no routing, so the edge asks before its mux; the
// caller must make sure the request is anonymous.
func (c *Cache) Lookup(language, target string) (*Answer, bool) {
	if c == nil || !c.online.Load() {
		return nil, false
	}
	a, ok := c.store.GetIfPresent(storeKey(language, target))
	if !ok || c.gens[a.service].Load() != a.gen {
		return nil, false
	}
	return a, true
}

// Load returns the answer for k: a kept one, or the one fetch gives. Of
// concurrent callers of one key only one runs fetch; the others wait for
// its answer. fetch reports whether its answer may be kept (a 200 of a
// public read): one that may not is the fetching caller's alone, and the
// others get Bypass and fetch for themselves. An answer fetched while its
// service's generation moved on is never served: it belongs to the old
// generation.
func (c *Cache) Load(k Key, fetch func() (a *Answer, keep bool)) (*Answer, Outcome) {
	if c == nil || !c.online.Load() {
		return nil, Bypass
	}
	gens, ok := c.gens[k.Service]
	if !ok {
		return nil, Bypass
	}
	if a, ok := c.Lookup(k.Language, k.Target); ok {
		return a, Hit
	}
	key := storeKey(k.Language, k.Target)
	gen := gens.Load()
	ran, kept := false, false
	v, _, _ := c.flight.Do(strconv.FormatUint(gen, 36)+"\x00"+k.Service+"\x00"+key, func() (any, error) {
		// A caller that missed just before the previous fetch of this key
		// ended starts a flight of its own: it finds that fetch's answer.
		if a, ok := c.Lookup(k.Language, k.Target); ok {
			kept = true
			return fetched{a, true}, nil
		}
		ran = true
		a, keep := fetch()
		if keep {
			a.service, a.gen = k.Service, gen
			c.store.Set(key, a)
		}
		return fetched{a, keep}, nil
	})
	f := v.(fetched)
	switch {
	case kept:
		return f.answer, Hit
	case !f.keep && !ran:
		return nil, Bypass
	}
	return f.answer, Miss
}

type fetched struct {
	answer *Answer
	keep   bool
}

// Invalidate drops every answer of service (an event or a change of its).
func (c *Cache) Invalidate(service string) {
	if c == nil {
		return
	}
	if g, ok := c.gens[service]; ok {
		g.Add(1)
		invalidations.WithLabelValues(service).Inc()
	}
}

// InvalidateAll drops every answer.
func (c *Cache) InvalidateAll() {
	for s := range c.gens {
		c.Invalidate(s)
	}
}

// Resume serves from memory again, dropping what was kept before: events
// may have been missed while off line.
func (c *Cache) Resume() {
	if c == nil {
		return
	}
	c.InvalidateAll()
	c.online.Store(true)
}

// Suspend stops serving from memory until Resume: from now on events may
// be missed.
func (c *Cache) Suspend() {
	if c != nil {
		c.online.Store(false)
	}
}

// Online reports whether answers are served from memory.
func (c *Cache) Online() bool { return c != nil && c.online.Load() }
