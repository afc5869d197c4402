package server_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// TestA6_2_OverdueAndHolidayCoverageOnMetrics: what ops alert on is on
// /metrics — open complaints past their statutory due time, and the end of
// the holiday table's coverage, which moves when an admin extends the
// table. Not parallel: the gauges are the process's.
func TestA6_2_OverdueAndHolidayCoverageOnMetrics(t *testing.T) {
	f := start(t)
	late := f.submit(t, citizen, "other")
	f.submit(t, citizen, "other") // on time
	_, err := f.env.Pool.Exec(t.Context(), `UPDATE complaints SET due_at = now() - interval '1 hour' WHERE id = $1`, late.GetId())
	require.NoError(t, err)
	endOf2030 := time.Date(2031, 1, 1, 0, 0, 0, 0, clock.Seoul)
	servicetest.Eventually(t, "one complaint overdue, table covering 2030", func() bool {
		return servicetest.Metric(t, "petition_complaints_overdue") == 1 &&
			servicetest.Metric(t, "petition_holiday_table_covered_until_timestamp_seconds") == float64(endOf2030.Unix()) &&
			servicetest.Metric(t, "petition_holiday_table_short") == 0
	})

	_, err = f.api.AmendHolidayTable(f.as(t, admin), &petitionv1.AmendHolidayTableRequest{CoversTo: "2031-12-31",
		Reason: "2031년 공휴일 반영 전 적용 범위 연장", Source: "인사혁신처 공고 (test)"})
	require.NoError(t, err)
	endOf2031 := time.Date(2032, 1, 1, 0, 0, 0, 0, clock.Seoul)
	servicetest.Eventually(t, "coverage extended to 2031", func() bool {
		return servicetest.Metric(t, "petition_holiday_table_covered_until_timestamp_seconds") == float64(endOf2031.Unix())
	})
}

// TestA6_2_HolidayTableShortIsAReadinessWarning: once the table covers less
// than 12 months ahead the warning gauge is up, while the service keeps
// serving and receiving complaints. Not parallel: the gauges are the
// process's.
func TestA6_2_HolidayTableShortIsAReadinessWarning(t *testing.T) {
	f, _ := startAt(t, time.Date(2030, 3, 4, 10, 0, 0, 0, clock.Seoul))
	servicetest.Eventually(t, "the warning gauge", func() bool {
		return servicetest.Metric(t, "petition_holiday_table_short") == 1
	})
	f.submit(t, citizen, "other")
}
