package app

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/seoul-gov/homepage/platform/metrics"
)

// The figures ops alert on (deploy/monitoring): complaints whose statutory
// due time passed while they are still open, and the last day the holiday
// table covers — beyond it no due date can be computed, so complaints could
// not be received. Every replica reports the same figures from the
// database; the alerts take the maximum.
var (
	overdueComplaints = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "petition_complaints_overdue", Help: "Open complaints past their statutory due time.",
	})
	holidaysCoveredUntil = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "petition_holiday_table_covered_until_timestamp_seconds",
		Help: "End of the last day the current holiday table covers (Unix time); due dates beyond it cannot be computed.",
	})
)

func init() { metrics.Registry.MustRegister(overdueComplaints, holidaysCoveredUntil) }

// Measure sets the gauges from the database (a scheduled job: it reports
// one figure set per run).
func (s *Service) Measure(ctx context.Context) (int, error) {
	n, err := s.store.CountOverdue(ctx, s.now())
	if err != nil {
		return 0, err
	}
	t, err := s.store.HolidayTable(ctx, 0)
	if err != nil {
		return 0, err
	}
	overdueComplaints.Set(float64(n))
	holidaysCoveredUntil.Set(float64(t.To.Next().At(0, 0).Unix()))
	return 1, nil
}
