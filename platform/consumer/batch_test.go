package consumer_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// In batch mode a backlog is applied many events per transaction, each
// exactly once (an event whose inbox row exists is skipped); a poison event
// in a batch is dead-lettered alone and every other event of its batch
// still applies.
// The same holds when the consumer applies its batches with ApplyBatch
// (one multi-row statement per batch here) instead of event by event.
func TestBatchAppliesBacklogInFewTransactionsAndIsolatesPoison(t *testing.T) {
	t.Parallel()
	t.Run("event by event", func(t *testing.T) {
		t.Parallel()
		testBatch(t, nil)
	})
	t.Run("ApplyBatch", func(t *testing.T) {
		t.Parallel()
		testBatch(t, applyTogether)
	})
}

// applyTogether writes the batch's effects with one statement, or names
// the poison.
func applyTogether(ctx context.Context, tx pgx.Tx, evs []consumer.Event) (int, error) {
	values := make([]string, len(evs))
	for i, ev := range evs {
		var v wrapperspb.StringValue
		if err := ev.Decode(&v); err != nil {
			return i, err
		}
		if v.Value == "poison" {
			return i, errs.Invalid("value", "POISON")
		}
		values[i] = v.Value
	}
	_, err := tx.Exec(ctx, `INSERT INTO effects (value) SELECT v || '@' || pg_current_xact_id()::text FROM unnest($1::text[]) v`, values)
	return -1, err
}

func testBatch(t *testing.T, apply consumer.BatchHandler) {
	r := setup(t)
	ctx := context.Background()
	// e-7 was applied before (its inbox row exists): no second effect.
	_, err := r.pool.Exec(ctx, `INSERT INTO inbox (consumer, event_id, subject) VALUES ('effects', 'e-7', 'x')`)
	require.NoError(t, err)
	for i := range 200 {
		value := fmt.Sprintf("v-%d", i)
		if i == 150 {
			value = "poison"
		}
		r.publish(t, fmt.Sprintf("e-%d", i), value)
	}
	// Each effect records the transaction that applied it.
	handler := func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		var v wrapperspb.StringValue
		if err := ev.Decode(&v); err != nil {
			return err
		}
		if v.Value == "poison" {
			return errs.Invalid("value", "POISON")
		}
		_, err := tx.Exec(ctx, `INSERT INTO effects (value) VALUES ($1 || '@' || pg_current_xact_id()::text)`, v.Value)
		return err
	}
	c := consumer.New(consumer.Config{Service: "test", Name: "effects", Stream: "PRODUCER",
		Subjects: []string{"seoul.producer.>"}, MaxDeliver: 5, AckWait: 2 * time.Second, Batch: 32, ApplyBatch: apply}, r.js, r.pool, r.log, handler)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { _ = c.Run(runCtx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })

	servicetest.Eventually(t, "198 effects", func() bool { return r.effects(t) == 198 })
	dlq, err := r.js.Stream(ctx, "TEST_DLQ")
	require.NoError(t, err)
	servicetest.Eventually(t, "poison dead-lettered", func() bool {
		info, err := dlq.Info(ctx)
		return err == nil && info.State.Msgs == 1
	})
	cons, err := r.js.Consumer(ctx, "PRODUCER", "test-effects")
	require.NoError(t, err)
	servicetest.Eventually(t, "everything acknowledged", func() bool {
		info, err := cons.Info(ctx)
		return err == nil && info.NumPending == 0 && info.NumAckPending == 0
	})
	var distinct, total, txs int
	require.NoError(t, r.pool.QueryRow(ctx, `SELECT count(DISTINCT split_part(value, '@', 1)), count(*),
		count(DISTINCT split_part(value, '@', 2)) FROM effects`).Scan(&distinct, &total, &txs))
	require.Equal(t, 198, distinct, "every event but the poison and the one applied before")
	require.Equal(t, 198, total, "none twice")
	require.Less(t, txs, 100, "a backlog is applied many events per transaction")
	var skipped int
	require.NoError(t, r.pool.QueryRow(ctx, `SELECT count(*) FROM effects WHERE value LIKE 'v-7@%'`).Scan(&skipped))
	require.Zero(t, skipped)
}
