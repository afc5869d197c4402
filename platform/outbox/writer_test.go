package outbox_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
)

// happened is a domain event of a made-up service; quiet ones stay inside it.
type happened struct {
	what  string
	quiet bool
}

func encodeHappened(e happened) (string, proto.Message) {
	if e.quiet {
		return "", nil
	}
	return "seoul.test.thing." + e.what, wrapperspb.String(e.what)
}

func TestWriterWritesPublishedEventsInTheChangesTransaction(t *testing.T) {
	t.Parallel()
	r := setup(t)
	w := outbox.NewWriter(encodeHappened)
	ctx := context.Background()
	require.NoError(t, pg.InTx(ctx, r.pool, func(tx pgx.Tx) error {
		return w.Write(ctx, tx, happened{what: "opened"}, happened{what: "noted", quiet: true}, happened{what: "closed"})
	}))
	rows, err := r.pool.Query(ctx, `SELECT subject FROM outbox`)
	require.NoError(t, err)
	subjects, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	require.ElementsMatch(t, []string{"seoul.test.thing.opened", "seoul.test.thing.closed"}, subjects,
		"both published events written, the quiet one not")
}

func TestWriterQueuesPublishedEventsOnTheChangesBatch(t *testing.T) {
	t.Parallel()
	r := setup(t)
	w := outbox.NewWriter(encodeHappened)
	ctx := context.Background()
	require.NoError(t, pg.InTx(ctx, r.pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		err := w.Queue(ctx, b, happened{what: "opened"}, happened{what: "noted", quiet: true}, happened{what: "closed"})
		if err != nil {
			return err
		}
		return tx.SendBatch(ctx, b).Close()
	}))
	// Ids order the relay's publishing: the events' own order.
	rows, err := r.pool.Query(ctx, `SELECT subject FROM outbox ORDER BY id`)
	require.NoError(t, err)
	subjects, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	require.Equal(t, []string{"seoul.test.thing.opened", "seoul.test.thing.closed"}, subjects,
		"the published events queued in order, the quiet one not")
}
