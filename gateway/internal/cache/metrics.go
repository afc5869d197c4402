package cache

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/seoul-gov/homepage/platform/metrics"
)

var (
	lookups = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gateway_cache_requests_total",
		Help: "Requests for cacheable public reads at the edge, by outcome (hit, miss, bypass).",
	}, []string{"outcome"})
	invalidations = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gateway_cache_invalidations_total",
		Help: "Times the edge cache dropped a service's answers (its event, a change through this edge, reconnection).",
	}, []string{"service"})
)

// byOutcome holds each outcome's counter, looked up once instead of per request.
var byOutcome = [...]prometheus.Counter{
	Bypass: lookups.WithLabelValues(Bypass.String()),
	Hit:    lookups.WithLabelValues(Hit.String()),
	Miss:   lookups.WithLabelValues(Miss.String()),
}

func init() {
	metrics.Registry.MustRegister(lookups, invalidations)
}

// Count records how a cacheable request was answered.
func Count(o Outcome) { byOutcome[o].Inc() }
