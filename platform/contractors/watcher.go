package contractors

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
)

// Watcher is a service's copy of the grants bucket: read in full when the
// watch starts, then kept up to date as grants change. It answers only
// while its copy is current — loaded, connected, and loaded since the last
// reconnect; otherwise contractors are refused (Unavailable), never
// admitted on a copy that may miss a revocation.
type Watcher struct {
	js      jetstream.JetStream
	service string
	now     clock.Clock
	log     *slog.Logger

	mu     sync.RWMutex
	grants map[string]Grant // by id
	ready  bool
	gen    uint64 // the connection's reconnect count when the copy was loaded
}

// NewWatcher watches the grants for service (its name, e.g. "content")
// over js; now decides which grants are in force.
func NewWatcher(js jetstream.JetStream, service string, now clock.Clock, log *slog.Logger) *Watcher {
	return &Watcher{js: js, service: service, now: clock.Or(now), log: log}
}

// Admit returns the claims contractor c has for this call: under their
// grant for the service that made the call when one of the suite's
// services calls with the contractor's token (callingService, proven by
// mutual TLS), else under their grant for this service.
func (w *Watcher) Admit(c identity.Claims, callingService string) (identity.Claims, error) {
	grants, err := w.current()
	if err != nil {
		return c, err
	}
	service := w.service
	if slices.Contains(Services, callingService) {
		service = callingService
	}
	return Effective(c, grants, service, w.now())
}

// current returns the grants when the copy can be trusted.
func (w *Watcher) current() ([]Grant, error) {
	nc := w.js.Conn()
	w.mu.RLock()
	defer w.mu.RUnlock()
	if !w.ready || !nc.IsConnected() || nc.Stats().Reconnects != w.gen {
		return nil, errs.Unavailable("CONTRACTOR_GRANTS_UNAVAILABLE")
	}
	out := make([]Grant, 0, len(w.grants))
	for _, g := range w.grants {
		out = append(out, g)
	}
	return out, nil
}

// Run keeps the copy current until ctx ends: it watches the bucket and
// starts over — reading it in full again — after any disconnection or
// failure, waiting with capped backoff between attempts.
func (w *Watcher) Run(ctx context.Context) error {
	status := w.js.Conn().StatusChanged(nats.DISCONNECTED, nats.RECONNECTING, nats.CLOSED)
	defer w.js.Conn().RemoveStatusListener(status)
	wait, lastErr := 100*time.Millisecond, ""
	for ctx.Err() == nil {
		loaded, err := w.watch(ctx, status)
		w.setReady(false)
		if loaded {
			wait = 100 * time.Millisecond
		}
		if err != nil && err.Error() != lastErr {
			w.log.Warn("contractor grants unreadable: contractors refused until they are read again", "err", err)
			lastErr = err.Error()
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
	return nil
}

var errDisconnected = errors.New("nats disconnected")

// watch reads the bucket in full, then applies changes until the
// connection drops or ctx ends. loaded reports whether the copy was read.
func (w *Watcher) watch(ctx context.Context, status <-chan nats.Status) (loaded bool, err error) {
	for len(status) > 0 {
		<-status // changes before this attempt are no news
	}
	nc := w.js.Conn()
	gen := nc.Stats().Reconnects
	if !nc.IsConnected() {
		return false, errDisconnected
	}
	kv, err := w.js.KeyValue(ctx, Bucket)
	if err != nil {
		return false, err
	}
	kw, err := kv.WatchAll(ctx)
	if err != nil {
		return false, err
	}
	defer func() { _ = kw.Stop() }()
	fresh := map[string]Grant{}
	for {
		select {
		case <-ctx.Done():
			return loaded, nil
		case <-status:
			return loaded, errDisconnected
		case e, ok := <-kw.Updates():
			switch {
			case !ok:
				return loaded, errors.New("watch of the contractor grants ended")
			case e == nil: // every value read: the copy is current
				w.load(fresh, gen)
				loaded = true
			default:
				w.apply(fresh, e, loaded)
			}
		}
	}
}

// load installs the copy read in full.
func (w *Watcher) load(grants map[string]Grant, gen uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.grants, w.gen, w.ready = grants, gen, true
}

// apply records one change, in the copy being read or, once loaded, in
// the one answering calls.
func (w *Watcher) apply(fresh map[string]Grant, e jetstream.KeyValueEntry, loaded bool) {
	if loaded {
		w.mu.Lock()
		defer w.mu.Unlock()
	}
	if e.Operation() != jetstream.KeyValuePut {
		delete(fresh, e.Key())
		return
	}
	var g Grant
	if err := json.Unmarshal(e.Value(), &g); err != nil || g.ID != e.Key() {
		// Not a grant this version understands: nobody is admitted by it.
		w.log.Error("contractor grant unreadable, ignored", "key", e.Key(), "err", err)
		delete(fresh, e.Key())
		return
	}
	fresh[e.Key()] = g
}

func (w *Watcher) setReady(ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ready = ok
}
