package outbox

import (
	"context"

	"github.com/jackc/pgx/v5"
	"google.golang.org/protobuf/proto"
)

// Encoder maps one of a service's domain events to its subject and the
// event message of its events.proto. A nil message means the event stays
// inside the service (it is kept in its history only) and is not published.
type Encoder[E any] func(E) (subject string, msg proto.Message)

// Writer writes a service's domain events to the outbox. The service's
// events package builds it from its one Encoder; stores get it injected and
// write the events their aggregates recorded in the transaction of the
// change, so neither the domain nor the store knows the wire contracts.
type Writer[E any] struct{ encode Encoder[E] }

// NewWriter returns a writer that encodes with encode.
func NewWriter[E any](encode Encoder[E]) Writer[E] { return Writer[E]{encode: encode} }

// Write adds each event to the outbox within tx, in order.
func (w Writer[E]) Write(ctx context.Context, tx pgx.Tx, events ...E) error {
	for _, e := range events {
		subject, msg := w.encode(e)
		if msg == nil {
			continue
		}
		if _, err := Add(ctx, tx, subject, msg); err != nil {
			return err
		}
	}
	return nil
}

// Queue is Write for a batch: the events' rows go on b as one multi-row
// insert, with one wake-up of the relays, to be sent with the rest of the
// batch inside the caller's transaction.
func (w Writer[E]) Queue(ctx context.Context, b *pgx.Batch, events ...E) error {
	var rows eventRows
	for _, e := range events {
		subject, msg := w.encode(e)
		if msg == nil {
			continue
		}
		r, err := newRow(ctx, subject, msg)
		if err != nil {
			return err
		}
		rows.add(r)
	}
	if len(rows.ids) > 0 {
		b.Queue(insertManySQL, rows.ids, rows.subjects, rows.types, rows.payloads, rows.headers)
		b.Queue(notifySQL, notifyChannel)
	}
	return nil
}
