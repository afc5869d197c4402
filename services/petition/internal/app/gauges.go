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
		Help: "End of the last day the current holiday table covers (Unix time); due dates beyond it are provisional (weekends alone).",
	})
	holidaysShort = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "petition_holiday_table_short",
		Help: "1 while the holiday table covers less than 12 months ahead (a readiness warning: amend it), else 0.",
	})
)

// CoverageAhead is how far ahead the holiday table should always reach: a
// complaint's period, extensions included, runs weeks, and next year's
// holidays are published well before the year starts.
const CoverageAhead = 12 // months

func init() { metrics.Registry.MustRegister(overdueComplaints, holidaysCoveredUntil, holidaysShort) }

// Measure sets the gauges from the database. While the holiday table
// covers less than CoverageAhead months it returns the last day covered,
// the readiness warning the caller logs; otherwise "".
func (s *App) Measure(ctx context.Context) (string, error) {
	now := s.now()
	n, err := s.store.CountOverdue(ctx, now)
	if err != nil {
		return "", err
	}
	t, err := s.store.HolidayTable(ctx, 0)
	if err != nil {
		return "", err
	}
	overdueComplaints.Set(float64(n))
	end := t.To.Next().At(0, 0)
	holidaysCoveredUntil.Set(float64(end.Unix()))
	if end.Before(now.AddDate(0, CoverageAhead, 0)) {
		holidaysShort.Set(1)
		return t.To.String(), nil
	}
	holidaysShort.Set(0)
	return "", nil
}
