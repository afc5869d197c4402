package consumer_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A consumer that cannot apply its events shows them piling up in
// consumer_pending_events (the consumer-lag alert), and none once it has
// caught up. Not parallel: the gauge is the process's.
func TestLagIsReportedWhileEventsWait(t *testing.T) {
	r := setup(t)
	var failing atomic.Bool
	failing.Store(true)
	r.run(t, func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		if failing.Load() {
			return errors.New("cannot apply yet")
		}
		return record(ctx, tx, ev)
	}, 1000)
	for _, id := range []string{"e-1", "e-2", "e-3", "e-4"} {
		r.publish(t, id, id)
	}
	servicetest.Eventually(t, "four events reported waiting", func() bool {
		return servicetest.Metric(t, "consumer_pending_events", "consumer", "effects") == 4
	})
	failing.Store(false)
	servicetest.Eventually(t, "caught up", func() bool {
		return r.effects(t) == 4 && servicetest.Metric(t, "consumer_pending_events", "consumer", "effects") == 0
	})
}
