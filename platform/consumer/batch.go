package consumer

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go/jetstream"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"

	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/metrics"
	"github.com/seoul-gov/homepage/platform/pg"
)

// Batch mode (Config.Batch > 1). The events already delivered together are
// applied in one transaction, each with its inbox row, and acknowledged
// after the commit: under load the transaction's round trips and its
// commit are shared by up to Batch events; idle, a batch is the one event
// that arrived and costs what the single-event path costs. The acks of a
// committed batch go out together. When an event's handler fails, the
// transaction rolls back, that event goes alone through the single-event
// path (retried or dead-lettered there) and the rest of the batch is
// applied again as a batch; when the batch itself fails (the database,
// a conflict, a deadlock), its events go one by one through the
// single-event path.
//
// Handlers of a batched consumer share the transaction: they must not
// assume it holds only their own event's locks (taking rows in any order
// is safe; a deadlock between two replicas' batches rolls both back to the
// single-event path).

// runBatched is Run's loop in batch mode.
func (r *Runner) runBatched(ctx context.Context, cons jetstream.Consumer) error {
	var lastLag time.Time
	for ctx.Err() == nil {
		lastLag = r.reportLag(ctx, cons, lastLag)
		fetched, err := cons.Fetch(r.cfg.Batch, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			if ctx.Err() == nil {
				r.log.Debug("fetch failed", "err", err)
				sleep(ctx, 500*time.Millisecond)
			}
			continue
		}
		msgs := fetched.Messages()
		for msg := range msgs {
			r.processBatch(ctx, append([]jetstream.Msg{msg}, ready(msgs, r.cfg.Batch-1)...))
		}
	}
	return nil
}

// ready takes up to limit messages already delivered, without waiting.
func ready(msgs <-chan jetstream.Msg, limit int) []jetstream.Msg {
	var out []jetstream.Msg
	for len(out) < limit {
		select {
		case m, ok := <-msgs:
			if !ok {
				return out
			}
			out = append(out, m)
		default:
			return out
		}
	}
	return out
}

// processBatch applies msgs in one transaction and acknowledges them, or
// falls back to the single-event path for each.
func (r *Runner) processBatch(ctx context.Context, msgs []jetstream.Msg) {
	if len(msgs) == 1 {
		r.process(ctx, msgs[0])
		return
	}
	evs := make([]Event, len(msgs))
	links := make([]trace.Link, len(msgs))
	for i, m := range msgs {
		evs[i] = toEvent(m)
		links[i] = trace.LinkFromContext(otel.GetTextMapPropagator().Extract(ctx, messaging.HeaderCarrier(m.Headers())))
	}
	bctx, span := otel.Tracer("seoul/consumer").Start(ctx, "consume batch",
		trace.WithSpanKind(trace.SpanKindConsumer), trace.WithLinks(links...))
	bad, err := r.applyBatch(bctx, evs)
	span.End()
	if err != nil && bad >= 0 && !Transient(err) && ctx.Err() == nil {
		// One event's own failure: it goes alone through the single-event
		// path (retried or dead-lettered there), the rest again as a batch.
		r.log.Info("event failed in a batch, applying it alone and the rest together", "event_id", evs[bad].ID,
			"events", len(msgs), "err", err)
		r.process(ctx, msgs[bad])
		r.processBatch(ctx, append(msgs[:bad:bad], msgs[bad+1:]...))
		return
	}
	if err != nil {
		r.log.Info("batch failed, applying its events one by one", "events", len(msgs), "err", err)
		for _, m := range msgs {
			r.process(ctx, m)
		}
		return
	}
	for _, ev := range evs {
		delete(r.failures, ev.ID)
	}
	r.ackAll(ctx, msgs, evs)
}

// ackAll acknowledges a committed batch: the double acks go out together
// and are awaited together, one round trip to the server instead of one
// per event.
func (r *Runner) ackAll(ctx context.Context, msgs []jetstream.Msg, evs []Event) {
	var wg sync.WaitGroup
	for i, m := range msgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := m.DoubleAck(ctx); err != nil {
				// The effect is committed; a redelivery will be recognised.
				r.log.Warn("ack failed", "event_id", evs[i].ID, "err", err)
			}
		}()
	}
	wg.Wait()
}

// applyBatch records the batch's event ids in the inbox with one statement
// and runs the handler for each event not applied before, all in one
// transaction.
// On failure it returns the index of the event whose handler failed, or -1
// when the failure is the batch's (inbox, commit).
func (r *Runner) applyBatch(ctx context.Context, evs []Event) (bad int, err error) {
	var applied []Event
	err = pg.InTx(ctx, r.pool, func(tx pgx.Tx) error {
		bad = -1
		fresh, err := r.recordBatch(ctx, tx, evs)
		if err != nil {
			return err
		}
		// Keep the new events, in order; the same event twice in a batch
		// applies once.
		var at []int
		applied = applied[:0]
		for i, ev := range evs {
			if _, ok := fresh[ev.ID]; ok {
				delete(fresh, ev.ID)
				applied, at = append(applied, ev), append(at, i)
			}
		}
		failed, err := r.applyAll(ctx, tx, applied)
		if err != nil && failed >= 0 {
			bad = at[failed]
			return fmt.Errorf("event %s: %w", evs[bad].ID, err)
		}
		return err
	})
	if err != nil {
		return bad, err
	}
	metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "applied").Add(float64(len(applied)))
	metrics.EventsConsumed.WithLabelValues(r.cfg.Name, "duplicate").Add(float64(len(evs) - len(applied)))
	return -1, nil
}

// applyAll applies the batch's new events through ApplyBatch, or else the
// handler for each, and returns the index of the event that failed.
func (r *Runner) applyAll(ctx context.Context, tx pgx.Tx, evs []Event) (bad int, err error) {
	if r.cfg.ApplyBatch != nil {
		return r.cfg.ApplyBatch(ctx, tx, evs)
	}
	for i, ev := range evs {
		if err := r.handler(ctx, tx, ev); err != nil {
			return i, err
		}
	}
	return -1, nil
}

// recordBatch inserts the inbox rows and returns the ids that were new.
func (r *Runner) recordBatch(ctx context.Context, tx pgx.Tx, evs []Event) (map[string]struct{}, error) {
	ids := make([]string, len(evs))
	subjects := make([]string, len(evs))
	for i, ev := range evs {
		ids[i], subjects[i] = ev.ID, ev.Subject
	}
	rows, err := tx.Query(ctx, `INSERT INTO inbox (consumer, event_id, subject)
		SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING RETURNING event_id`,
		r.cfg.Name, ids, subjects)
	if err != nil {
		return nil, err
	}
	fresh := map[string]struct{}{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		fresh[id] = struct{}{}
	}
	return fresh, rows.Err()
}
