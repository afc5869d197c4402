package middleware

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/platform/identity"
)

// minIdle is the shortest time a bucket is kept after its last use. It
// keeps the sweep from running on every request when buckets refill fast.
const minIdle = time.Minute

// RateLimiter keeps one token bucket per client. Buckets idle long enough
// to have refilled completely are evicted: a fresh bucket behaves exactly
// like such a bucket, so eviction never changes a decision, and memory is
// bounded by the number of clients active within that window.
type RateLimiter struct {
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

// NewRateLimiter allows each client rps requests per second on average and
// bursts of up to burst.
func NewRateLimiter(rps float64, burst int) *RateLimiter {
	refill := time.Duration(float64(burst) / rps * float64(time.Second))
	return &RateLimiter{
		rps: rate.Limit(rps), burst: burst, idle: max(refill, minIdle),
		now: time.Now, buckets: map[string]*bucket{},
	}
}

// Allow takes a token from key's bucket. When none is left it reports how
// long until one will be.
func (l *RateLimiter) Allow(key string) (bool, time.Duration) {
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
func (l *RateLimiter) sweep(now time.Time) {
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

// Len is the number of live buckets.
func (l *RateLimiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// Middleware refuses requests over the limit with 429, a Retry-After header
// and the usual JSON error. Requests for which skip returns true (health
// probes) are never limited, so a busy client cannot get the edge
// restarted by its orchestrator.
func (l *RateLimiter) Middleware(skip func(*http.Request) bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if skip != nil && skip(r) {
				next.ServeHTTP(w, r)
				return
			}
			ok, wait := l.Allow(ClientKey(r))
			if !ok {
				secs := int(math.Ceil(wait.Seconds()))
				w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
				apierror.Write(w, r, status.New(codes.ResourceExhausted, "rate limit exceeded; retry later"))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// ClientKey identifies the client for rate limiting: the verified subject
// when signed in, so users behind one NAT do not share a bucket, else the
// peer address. The peer is the TCP peer only: trusting X-Forwarded-For
// without a known proxy in front would let any client pick its own bucket.
func ClientKey(r *http.Request) string {
	if c := identity.From(r.Context()); !c.Anonymous() {
		return "sub:" + c.Subject
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "ip:" + host
}
