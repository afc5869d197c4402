// Package cachefollow keeps a cache of answers fresh from the services'
// domain events on a core NATS subscription of its own, as the edge's
// cache and the content service's read cache do. Each replica subscribes
// without a queue group or durable state: every replica must hear every
// event, and one that was away has its cache emptied instead of replayed.
// So the cache serves from memory only while the subscription is live: it
// is suspended when the connection drops and resumed (emptied) once the
// server has the subscription again.
package cachefollow

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
)

// Cache is a cache that can be turned off while events may be missed.
type Cache interface {
	// Suspend stops serving from memory.
	Suspend()
	// Resume empties what was kept and serves from memory again.
	Resume()
}

// flushWait is how long a resumption waits for NATS to confirm the
// subscription.
const flushWait = 5 * time.Second

// Follow connects to NATS at url as name and calls onEvent with the subject
// of every message on subject until the returned connection is closed. NATS
// need not be up yet: the connection is retried for ever, and meanwhile c
// stays suspended.
func Follow(url, name, subject string, c Cache, onEvent func(subject string), log *slog.Logger) (*nats.Conn, error) {
	log = log.With("cache", name)
	// resume waits for a round trip first, so the server has the
	// subscription before anything is kept again.
	resume := func(nc *nats.Conn) {
		go func() {
			if err := nc.FlushTimeout(flushWait); err != nil {
				log.Warn("cache stays off: NATS did not answer", "err", err)
				return
			}
			c.Resume()
			log.Info("cache on: following domain events", "url", nc.ConnectedUrl(), "subject", subject)
		}()
	}
	nc, err := nats.Connect(url,
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(true),
		nats.ConnectHandler(resume),
		nats.ReconnectHandler(resume),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			c.Suspend()
			log.Warn("cache off: NATS disconnected", "err", err)
		}),
		nats.ClosedHandler(func(*nats.Conn) { c.Suspend() }),
	)
	if err != nil {
		return nil, fmt.Errorf("connect NATS %s: %w", url, err)
	}
	if _, err := nc.Subscribe(subject, func(m *nats.Msg) { onEvent(m.Subject) }); err != nil {
		nc.Close()
		return nil, fmt.Errorf("subscribe %s: %w", subject, err)
	}
	if nc.IsConnected() {
		resume(nc)
	}
	return nc, nil
}
