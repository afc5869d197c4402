package outbox_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// An event queued on a batch is written with the batch in its transaction
// and published like one added alone (id as Nats-Msg-Id, type header);
// queued in a transaction that rolls back, it is never published.
func TestQueuedEventIsWrittenWithItsBatch(t *testing.T) {
	t.Parallel()
	r := setup(t)
	ctx := context.Background()
	var id string
	for _, commit := range []bool{false, true} {
		err := pg.InTx(ctx, r.pool, func(tx pgx.Tx) error {
			b := &pgx.Batch{}
			b.Queue(`SELECT 1`)
			var err error
			if id, err = outbox.Queue(ctx, b, "seoul.test.thing.done", wrapperspb.String("queued")); err != nil {
				return err
			}
			if err := tx.SendBatch(ctx, b).Close(); err != nil || commit {
				return err
			}
			return errRollback
		})
		require.Equal(t, commit, err == nil, "%v", err)
	}
	runRelay(t, r)
	servicetest.Eventually(t, "published", func() bool { return r.unsent(t) == 0 && r.streamCount(t) == 1 })
	s, err := r.js.Stream(ctx, "TEST")
	require.NoError(t, err)
	msg, err := s.GetMsg(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, id, msg.Header.Get(jetstream.MsgIDHeader))
	require.Equal(t, "google.protobuf.StringValue", msg.Header.Get(messaging.HeaderEventType))
	var v wrapperspb.StringValue
	require.NoError(t, proto.Unmarshal(msg.Data, &v))
	require.Equal(t, "queued", v.GetValue())
}

var errRollback = errors.New("rollback on purpose")
