package readcache

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
)

// Subjects are the content service's own domain events: any of them may
// change what an item answer holds.
const Subjects = "seoul.content.>"

// keepFor is how long Follow waits for NATS to confirm its subscription.
const keepFor = 5 * time.Second

// Follow keeps c fresh from the service's domain events heard at url until
// ctx ends. It has its own connection, whose state it follows: c is
// suspended while the connection is down and emptied when it comes back,
// since events may have been missed meanwhile. NATS need not be up; the
// connection is retried for ever, and meanwhile every read is fetched.
func Follow(ctx context.Context, c *Cache, url, name string, log *slog.Logger) error {
	if c == nil {
		return nil
	}
	// resume waits for a round trip first, so the server has the
	// subscription before anything is kept again.
	resume := func(nc *nats.Conn) {
		go func() {
			if err := nc.FlushTimeout(keepFor); err != nil {
				log.Warn("read cache stays off: NATS did not answer", "err", err)
				return
			}
			c.resume()
			log.Info("read cache on: following the service's events")
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
			c.suspend()
			log.Warn("read cache off: NATS disconnected", "err", err)
		}),
		nats.ClosedHandler(func(*nats.Conn) { c.suspend() }),
	)
	if err != nil {
		return fmt.Errorf("connect NATS %s: %w", url, err)
	}
	defer nc.Close()
	if _, err := nc.Subscribe(Subjects, func(*nats.Msg) { c.Invalidate() }); err != nil {
		return fmt.Errorf("subscribe %s: %w", Subjects, err)
	}
	if nc.IsConnected() {
		resume(nc)
	}
	<-ctx.Done()
	c.suspend()
	return nil
}
