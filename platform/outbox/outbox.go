// Package outbox publishes domain events reliably. A service writes an
// event row in the same transaction as its state change (Add); the Relay
// later publishes unsent rows to JetStream with Nats-Msg-Id = event id and
// marks them sent. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
// replicas relay in parallel without double work, and a row is only marked
// sent after JetStream acknowledged it, so nothing is forgotten before the
// stream has it. A crash between publish and mark re-publishes the same id,
// which JetStream's de-duplication window and idempotent consumers absorb.
package outbox

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"google.golang.org/protobuf/proto"

	"github.com/seoul-gov/homepage/platform/logging"
	"github.com/seoul-gov/homepage/platform/messaging"
)

// Add records event msg on subject inside tx and returns its id. The event
// type header is the proto message's full name so consumers can decode it.
func Add(ctx context.Context, tx pgx.Tx, subject string, msg proto.Message) (string, error) {
	r, err := newRow(ctx, subject, msg)
	if err != nil {
		return "", err
	}
	if _, err := tx.Exec(ctx, insertSQL, r.args()...); err != nil {
		return "", err
	}
	// NOTIFY is delivered only when the transaction commits: it wakes the
	// relays of every replica right after the event becomes visible.
	if _, err := tx.Exec(ctx, notifySQL, notifyChannel); err != nil {
		return "", err
	}
	return r.id.String(), nil
}

const (
	insertSQL = `INSERT INTO outbox (id, subject, event_type, payload, headers) VALUES ($1, $2, $3, $4, $5)`
	notifySQL = `SELECT pg_notify($1, '')`
	// insertManySQL writes several events in one statement, in order.
	insertManySQL = `INSERT INTO outbox (id, subject, event_type, payload, headers)
		SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[], $5::jsonb[])`
)

// eventRow is one outbox row before it is written.
type eventRow struct {
	id        uuid.UUID
	subject   string
	eventType string
	payload   []byte
	headers   []byte
}

func (r eventRow) args() []any { return []any{r.id, r.subject, r.eventType, r.payload, r.headers} }

// eventRows are rows column by column, for insertManySQL.
type eventRows struct {
	ids               []uuid.UUID
	subjects, types   []string
	payloads, headers [][]byte
}

func (rs *eventRows) add(r eventRow) {
	rs.ids, rs.subjects, rs.types = append(rs.ids, r.id), append(rs.subjects, r.subject), append(rs.types, r.eventType)
	rs.payloads, rs.headers = append(rs.payloads, r.payload), append(rs.headers, r.headers)
}

func newRow(ctx context.Context, subject string, msg proto.Message) (eventRow, error) {
	payload, err := proto.Marshal(msg)
	if err != nil {
		return eventRow{}, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return eventRow{}, err
	}
	headers := map[string]string{
		messaging.HeaderRequestID: logging.RequestID(ctx),
		messaging.HeaderOccurred:  time.Now().UTC().Format(time.RFC3339Nano),
	}
	// Trace context travels with the event so a consumer's span joins the
	// request that caused it.
	otel.GetTextMapPropagator().Inject(ctx, propagation.MapCarrier(headers))
	hb, err := json.Marshal(headers)
	if err != nil {
		return eventRow{}, err
	}
	return eventRow{id: id, subject: subject, eventType: string(msg.ProtoReflect().Descriptor().FullName()),
		payload: payload, headers: hb}, nil
}

const notifyChannel = "outbox"
