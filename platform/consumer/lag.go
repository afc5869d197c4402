package consumer

import (
	"context"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/seoul-gov/homepage/platform/metrics"
)

// lagEvery is how often a runner reports how far behind it is: well within
// a scrape interval, one small request to the server.
const lagEvery = 5 * time.Second

// reportLag sets consumer_pending_events (the consumer-lag alert) from the
// durable's state on the server, at most every lagEvery since last, and
// returns when it last reported. It asks the server rather than counting
// deliveries, so a consumer stuck on a failing event still shows the
// events piling up behind it.
func (r *Runner) reportLag(ctx context.Context, cons jetstream.Consumer, last time.Time) time.Time {
	if time.Since(last) < lagEvery {
		return last
	}
	ictx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	info, err := cons.Info(ictx)
	if err != nil {
		if ctx.Err() == nil {
			r.log.Debug("consumer lag not measured", "err", err)
		}
		return last
	}
	metrics.ConsumerPending.WithLabelValues(r.cfg.Name).Set(float64(info.NumPending + uint64(info.NumAckPending)))
	return time.Now()
}
