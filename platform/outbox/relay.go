package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/metrics"
)

// Relay publishes unsent outbox rows.
type Relay struct {
	pool      *pgxpool.Pool
	js        jetstream.JetStream
	log       *slog.Logger
	batch     int
	poll      time.Duration
	retention time.Duration
	wake      chan struct{}
}

// NewRelay returns a relay over the service's pool and JetStream.
func NewRelay(pool *pgxpool.Pool, js jetstream.JetStream, log *slog.Logger) *Relay {
	return &Relay{pool: pool, js: js, log: log, batch: 100, poll: time.Second,
		retention: 7 * 24 * time.Hour, wake: make(chan struct{}, 1)}
}

// Notify wakes the relay without waiting for the next poll.
func (r *Relay) Notify() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run relays until ctx ends. Publishing failures (NATS down) are retried on
// the next round; nothing is marked sent that the stream did not ack.
func (r *Relay) Run(ctx context.Context) error {
	go r.listen(ctx)
	lastPurge, lastMeasure := time.Time{}, time.Time{}
	for ctx.Err() == nil {
		n, err := r.RelayOnce(ctx)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("outbox relay round failed", "err", err)
		}
		if time.Since(lastPurge) > time.Hour {
			r.purge(ctx)
			lastPurge = time.Now()
		}
		if time.Since(lastMeasure) >= measureEvery {
			r.measure(ctx)
			lastMeasure = time.Now()
		}
		if n == r.batch && err == nil {
			continue // more may be waiting
		}
		select {
		case <-ctx.Done():
		case <-r.wake:
		case <-time.After(r.poll):
		}
	}
	return nil
}

// measureEvery is how often the relay reports its backlog: well within
// a scrape interval, cheap thanks to the partial index on unsent rows.
const measureEvery = 5 * time.Second

// Backlog is what the outbox holds unpublished.
type Backlog struct {
	Unsent int
	// Oldest is the age of the oldest unsent event; zero when none waits.
	Oldest time.Duration
}

// Backlog measures the outbox: ops alert when events stop flowing
// (outbox_oldest_unsent_age_seconds, deploy/monitoring).
func (r *Relay) Backlog(ctx context.Context) (Backlog, error) {
	var (
		b    Backlog
		secs float64
	)
	err := r.pool.QueryRow(ctx, `SELECT count(*), coalesce(greatest(extract(epoch FROM now() - min(created_at)), 0), 0)
		FROM outbox WHERE sent_at IS NULL`).Scan(&b.Unsent, &secs)
	b.Oldest = time.Duration(secs * float64(time.Second))
	return b, err
}

func (r *Relay) measure(ctx context.Context) {
	b, err := r.Backlog(ctx)
	if err != nil {
		if ctx.Err() == nil {
			r.log.Debug("outbox backlog not measured", "err", err)
		}
		return
	}
	metrics.OutboxUnsent.Set(float64(b.Unsent))
	metrics.OutboxOldestUnsent.Set(b.Oldest.Seconds())
}

type row struct {
	id      string
	subject string
	typ     string
	payload []byte
	headers []byte
}

// RelayOnce publishes one batch and returns how many rows it published.
func (r *Relay) RelayOnce(ctx context.Context) (int, error) {
	tx, err := r.pool.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	rows, err := claim(ctx, tx, r.batch)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	sent, pubErr := r.publish(ctx, rows)
	if len(sent) > 0 {
		if _, err := tx.Exec(ctx, `UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])`, sent); err != nil {
			return 0, err
		}
	}
	if pubErr != nil && len(sent) < len(rows) {
		_, _ = tx.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`,
			rows[len(sent)].id, pubErr.Error())
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, err
	}
	return len(sent), pubErr
}

func claim(ctx context.Context, tx pgx.Tx, limit int) ([]row, error) {
	rs, err := tx.Query(ctx, `SELECT id::text, subject, event_type, payload, headers::text FROM outbox
		WHERE sent_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rs, func(rr pgx.CollectableRow) (row, error) {
		var x row
		var h string
		err := rr.Scan(&x.id, &x.subject, &x.typ, &x.payload, &h)
		x.headers = []byte(h)
		return x, err
	})
}

// publish sends rows in order and stops at the first failure, so order per
// service is kept; it returns the ids JetStream acknowledged.
func (r *Relay) publish(ctx context.Context, rows []row) ([]string, error) {
	sent := make([]string, 0, len(rows))
	for _, x := range rows {
		msg := nats.NewMsg(x.subject)
		msg.Data = x.payload
		var hs map[string]string
		_ = json.Unmarshal(x.headers, &hs)
		for k, v := range hs {
			if v != "" {
				msg.Header.Set(k, v)
			}
		}
		msg.Header.Set(messaging.HeaderEventType, x.typ)
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_, err := r.js.PublishMsg(pctx, msg, jetstream.WithMsgID(x.id))
		cancel()
		if err != nil {
			return sent, err
		}
		metrics.EventsPublished.WithLabelValues(x.subject).Inc()
		sent = append(sent, x.id)
	}
	return sent, nil
}

// purge deletes rows published long ago; the stream keeps the history.
func (r *Relay) purge(ctx context.Context) {
	_, err := r.pool.Exec(ctx, `DELETE FROM outbox WHERE sent_at < now() - $1::interval`,
		r.retention.String())
	if err != nil && ctx.Err() == nil {
		r.log.Warn("outbox purge failed", "err", err)
	}
}

// listen turns PostgreSQL notifications (sent on commit by Add) into
// wake-ups. If the connection drops it reconnects; polling covers the gap.
func (r *Relay) listen(ctx context.Context) {
	for ctx.Err() == nil {
		err := r.listenOnce(ctx)
		if err != nil && ctx.Err() == nil && !errors.Is(err, context.Canceled) {
			r.log.Debug("outbox listen interrupted", "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
		}
	}
}

func (r *Relay) listenOnce(ctx context.Context) error {
	conn, err := r.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+notifyChannel); err != nil {
		return err
	}
	defer func() { _, _ = conn.Exec(context.WithoutCancel(ctx), "UNLISTEN "+notifyChannel) }()
	for {
		if _, err := conn.Conn().WaitForNotification(ctx); err != nil {
			return err
		}
		r.Notify()
	}
}
