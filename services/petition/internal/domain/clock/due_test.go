package clock_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// kst parses "2006-01-02 15:04[:05]" in Asia/Seoul.
func kst(t testing.TB, s string) time.Time {
	t.Helper()
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if v, err := time.ParseInLocation(layout, s, clock.Seoul); err == nil {
			return v
		}
	}
	t.Fatalf("bad time %q", s)
	return time.Time{}
}

// TestDue is the statutory clock of A6.2 (법 제19조): hour-counted periods
// of five days or less, day-counted periods of six or more with the first
// day counted, Saturdays, Sundays and holidays never counted.
func TestDue(t *testing.T) {
	t.Parallel()
	cal := shipped(t)
	cases := []struct {
		name     string
		received string
		period   clock.Period
		want     string
	}{
		// Hour-counted: working hours 09–12 and 13–18, lunch not counted.
		{"immediately, lunch skipped", "2026-03-09 10:30", clock.Immediately, "2026-03-09 14:30"},
		{"immediately, seconds kept", "2026-03-09 10:30:45", clock.Immediately, "2026-03-09 14:30:45"},
		{"immediately, received in the lunch hour", "2026-03-09 12:20", clock.Immediately, "2026-03-09 16:00"},
		{"immediately, received before 09:00", "2026-03-09 07:00", clock.Immediately, "2026-03-09 12:00"},
		{"immediately, ending exactly at 18:00", "2026-03-09 15:00", clock.Immediately, "2026-03-09 18:00"},
		{"immediately, Friday into Monday", "2026-03-13 17:00", clock.Immediately, "2026-03-16 11:00"},
		{"immediately, received after working hours", "2026-03-10 19:00", clock.Immediately, "2026-03-11 12:00"},
		{"immediately, received exactly at 18:00", "2026-03-10 18:00", clock.Immediately, "2026-03-11 12:00"},
		{"immediately, received on a Saturday", "2026-03-14 10:00", clock.Immediately, "2026-03-16 12:00"},
		{"immediately, received on a Sunday night", "2026-03-15 23:59", clock.Immediately, "2026-03-16 12:00"},
		{"immediately, over 3·1절 and its substitute day", "2026-02-27 17:00", clock.Immediately, "2026-03-03 11:00"},
		{"immediately, over the local election day", "2026-06-02 17:00", clock.Immediately, "2026-06-04 11:00"},
		{"immediately, over 설날 2027 and its substitute day", "2027-02-05 16:00", clock.Immediately, "2027-02-10 10:00"},
		{"immediately, over the year end", "2026-12-31 17:00", clock.Immediately, "2027-01-04 11:00"},
		{"5 days are 40 working hours", "2026-03-09 14:00", clock.Days(5), "2026-03-16 14:00"},
		{"1 day is 8 working hours", "2026-03-09 09:00", clock.Days(1), "2026-03-09 18:00"},
		{"5 days over 추석 2026", "2026-09-22 10:00", clock.Days(5), "2026-10-01 10:00"},
		// Day-counted: the first day counts, due at 18:00 of the last.
		{"7 days, first day counted", "2026-03-09 10:00", clock.Days(7), "2026-03-17 18:00"},
		{"7 days, received in the lunch hour", "2026-03-09 12:30", clock.Days(7), "2026-03-17 18:00"},
		{"7 days, received at 17:59 counts that day", "2026-03-09 17:59", clock.Days(7), "2026-03-17 18:00"},
		{"7 days, received after hours counts from the next day", "2026-03-09 18:30", clock.Days(7), "2026-03-18 18:00"},
		{"7 days, received on a Sunday", "2026-03-08 11:00", clock.Days(7), "2026-03-17 18:00"},
		{"7 days over 설날 2026", "2026-02-13 10:00", clock.Days(7), "2026-02-26 18:00"},
		{"14 days over 추석, 개천절 substitute and 한글날", "2026-09-23 09:00", clock.Days(14), "2026-10-16 18:00"},
		{"6 days is day-counted", "2026-03-09 16:00", clock.Days(6), "2026-03-16 18:00"},
		{"7 days before the year end", "2026-12-22 10:00", clock.Days(7), "2026-12-31 18:00"},
		{"7 days over the year end", "2026-12-28 10:00", clock.Days(7), "2027-01-06 18:00"},
		{"14 days over 제헌절 substitute 2027", "2027-07-12 10:00", clock.Days(14), "2027-07-30 18:00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := clock.Due(kst(t, tc.received), tc.period, cal)
			require.NoError(t, err)
			require.Equal(t, kst(t, tc.want).String(), got.In(clock.Seoul).String())
		})
	}
}

// TestDueOutsideCoverage: a due date the table cannot vouch for is an
// error, never a guess (A6.2).
func TestDueOutsideCoverage(t *testing.T) {
	t.Parallel()
	cal := shipped(t)
	for _, received := range []string{"2027-12-24 10:00", "2025-12-31 10:00", "2027-12-31 18:30"} {
		_, err := clock.Due(kst(t, received), clock.Days(14), cal)
		require.ErrorIs(t, err, clock.ErrNotCovered, received)
	}
}

// TestExtend: an extension runs from the end of the current period
// (법 제21조 and its Decree).
func TestExtend(t *testing.T) {
	t.Parallel()
	cal := shipped(t)
	cases := []struct {
		name     string
		previous string
		period   clock.Period
		want     string
	}{
		{"7 more days after a 18:00 due", "2026-03-17 18:00", clock.Days(7), "2026-03-26 18:00"},
		{"3 more days are 24 working hours", "2026-03-17 18:00", clock.Days(3), "2026-03-20 18:00"},
		{"3 more hours the same day", "2026-03-09 14:30", clock.Hours(3), "2026-03-09 17:30"},
		{"3 more hours into Monday", "2026-03-13 16:00", clock.Hours(3), "2026-03-16 10:00"},
		{"14 more days over 추석", "2026-09-18 18:00", clock.Days(14), "2026-10-14 18:00"},
		{"7 more days over the year end", "2026-12-30 18:00", clock.Days(7), "2027-01-11 18:00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := clock.Extend(kst(t, tc.previous), tc.period, cal)
			require.NoError(t, err)
			require.Equal(t, kst(t, tc.want).String(), got.In(clock.Seoul).String())
		})
	}
}

func TestWarnAt(t *testing.T) {
	t.Parallel()
	cal := shipped(t)
	got, err := clock.WarnAt(kst(t, "2026-03-09 10:00"), clock.Days(7), cal)
	require.NoError(t, err)
	require.Equal(t, kst(t, "2026-03-17 09:00").String(), got.In(clock.Seoul).String())
	got, err = clock.WarnAt(kst(t, "2026-03-09 10:30"), clock.Immediately, cal)
	require.NoError(t, err)
	require.Equal(t, kst(t, "2026-03-09 13:30").String(), got.In(clock.Seoul).String())
}

// TestAmendedTableChangesOnlyNewDueDates: a temporary holiday in a new
// version moves new computations; the old version still gives the old date.
func TestAmendedTableChangesOnlyNewDueDates(t *testing.T) {
	t.Parallel()
	v1 := shipped(t)
	days := map[clock.Date]string{date(t, "2026-03-10"): "임시공휴일"}
	v2, err := clock.NewCalendar(2, v1.From, v1.To, days)
	require.NoError(t, err)
	received := kst(t, "2026-03-09 17:00")
	old, err := clock.Due(received, clock.Immediately, v1)
	require.NoError(t, err)
	amended, err := clock.Due(received, clock.Immediately, v2)
	require.NoError(t, err)
	require.Equal(t, kst(t, "2026-03-10 11:00"), old.In(clock.Seoul))
	require.Equal(t, kst(t, "2026-03-11 11:00"), amended.In(clock.Seoul))
}

func BenchmarkDue14Days(b *testing.B) {
	cal := shipped(b)
	received := kst(b, "2026-09-23 09:00")
	for b.Loop() {
		if _, err := clock.Due(received, clock.Days(14), cal); err != nil {
			b.Fatal(err)
		}
	}
}

// TestProvisionalCountsWeekendsPastTheTable: past the table's end the
// provisional calendar counts weekends alone (A6.2: a complaint is never
// refused for the table's end), and still refuses days before the table.
func TestProvisionalCountsWeekendsPastTheTable(t *testing.T) {
	t.Parallel()
	cal := shipped(t).Provisional()
	// Received Friday 2027-12-24 10:00: 14 working days with the first
	// counted; 2027-12-27 is a tabled substitute holiday, and past the table
	// only Saturdays and Sundays are skipped (2028-01-01 is a Saturday).
	got, err := clock.Due(kst(t, "2027-12-24 10:00"), clock.Days(14), cal)
	require.NoError(t, err)
	require.Equal(t, kst(t, "2028-01-13 18:00").String(), got.In(clock.Seoul).String())
	_, err = clock.Due(kst(t, "2025-12-31 10:00"), clock.Days(14), cal)
	require.ErrorIs(t, err, clock.ErrNotCovered)
	strict, err := clock.Due(kst(t, "2027-12-01 10:00"), clock.Days(7), shipped(t))
	require.NoError(t, err)
	loose, err := clock.Due(kst(t, "2027-12-01 10:00"), clock.Days(7), cal)
	require.NoError(t, err)
	require.Equal(t, strict, loose, "inside the table the provisional calendar is the table")
}
