package cache

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
)

// eventSubjects are the services' domain events,
// seoul.<service>.<entity>.<verb>. Every edge replica has its own core
// subscription (no queue group, no durable state): each must hear every
// event, and one that was away has its cache emptied instead of replayed.
const eventSubjects = "seoul.>"

// erasedSubject is the privacy service's erasure of a person: every
// service then anonymizes what that person wrote, without an event of its
// own, so it empties the whole cache.
const erasedSubject = "seoul.privacy.subject.erased"

// Listen connects to NATS at url and keeps c fresh from the services'
// domain events until the returned connection is closed. The cache serves
// from memory only while the subscription is live: it is suspended on a
// disconnection and emptied when the connection comes back. NATS need not
// be up yet; the connection is retried for ever, and meanwhile every
// request is fetched.
func Listen(url string, c *Cache, log *slog.Logger) (*nats.Conn, error) {
	if c == nil {
		return nil, nil
	}
	// resume waits for a round trip first, so the server has our
	// subscription before any answer is kept again.
	resume := func(nc *nats.Conn) {
		go func() {
			if err := nc.FlushTimeout(5 * time.Second); err != nil {
				log.Warn("edge cache stays off: NATS did not answer", "err", err)
				return
			}
			c.Resume()
			log.Info("edge cache on: listening to domain events", "url", nc.ConnectedUrl())
		}()
	}
	nc, err := nats.Connect(url,
		nats.Name("gateway-cache"),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(true),
		nats.ConnectHandler(resume),
		nats.ReconnectHandler(resume),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			c.Suspend()
			log.Warn("edge cache off: NATS disconnected", "err", err)
		}),
		nats.ClosedHandler(func(*nats.Conn) { c.Suspend() }),
	)
	if err != nil {
		return nil, fmt.Errorf("connect NATS %s: %w", url, err)
	}
	if _, err := nc.Subscribe(eventSubjects, func(m *nats.Msg) { c.onEvent(m.Subject) }); err != nil {
		nc.Close()
		return nil, fmt.Errorf("subscribe %s: %w", eventSubjects, err)
	}
	if nc.IsConnected() {
		resume(nc)
	}
	return nc, nil
}

// onEvent drops the answers of the service that published subject.
func (c *Cache) onEvent(subject string) {
	if subject == erasedSubject {
		c.InvalidateAll()
		return
	}
	parts := strings.SplitN(subject, ".", 3)
	if len(parts) < 3 {
		return
	}
	// seoul.dlq.<service>.<consumer> parks a consumer's poison message:
	// nothing changed. Any other unknown service is ignored by Invalidate.
	c.Invalidate(parts[1])
}
