package clock_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// shipped reads the holiday table the service ships (the migration seed),
// so these tests check the real data, not a copy of it.
func shipped(t testing.TB) *clock.Calendar {
	t.Helper()
	raw, err := os.ReadFile("../../../migrations/00002_holidays_2026_2027.sql")
	require.NoError(t, err)
	rows := regexp.MustCompile(`\(1, '(\d{4}-\d{2}-\d{2})', '([^']+)'\)`).FindAllStringSubmatch(string(raw), -1)
	require.NotEmpty(t, rows)
	days := map[clock.Date]string{}
	for _, r := range rows {
		d, err := clock.ParseDate(r[1])
		require.NoError(t, err)
		days[d] = r[2]
	}
	from, _ := clock.ParseDate("2026-01-01")
	to, _ := clock.ParseDate("2027-12-31")
	cal, err := clock.NewCalendar(1, from, to, days)
	require.NoError(t, err)
	return cal
}

func date(t testing.TB, s string) clock.Date {
	t.Helper()
	d, err := clock.ParseDate(s)
	require.NoError(t, err)
	return d
}

// TestShippedHolidayTable checks the 2026–2027 table against the rules of
// 관공서의 공휴일에 관한 규정 that can be checked without a lunar calendar
// (A6.2: the statutory clock needs a correct holiday table).
func TestShippedHolidayTable(t *testing.T) {
	t.Parallel()
	cal := shipped(t)
	for _, tc := range []struct {
		day  string
		want string
	}{
		{"2026-01-01", "1월 1일"}, {"2026-02-17", "설날"}, {"2026-03-02", "대체공휴일(3·1절)"},
		{"2026-05-25", "대체공휴일(부처님오신날)"}, {"2026-06-03", "제9회 전국동시지방선거"},
		{"2026-08-17", "대체공휴일(광복절)"}, {"2026-09-25", "추석"}, {"2026-10-05", "대체공휴일(개천절)"},
		{"2027-02-09", "대체공휴일(설날)"}, {"2027-10-11", "대체공휴일(한글날)"}, {"2027-12-27", "대체공휴일(기독탄신일)"},
	} {
		name, ok := cal.Holiday(date(t, tc.day))
		require.True(t, ok, tc.day)
		require.Equal(t, tc.want, name, tc.day)
	}
	// Every holiday whose weekend position triggers a substitute is in the
	// table and falls on a weekend; its substitute is in the table under
	// its name, on a weekday; and the table has no other substitute days.
	subs := map[string]string{ // weekend holiday -> its substitute day
		"2026-03-01": "2026-03-02", "2026-05-24": "2026-05-25", "2026-08-15": "2026-08-17",
		"2026-10-03": "2026-10-05", "2027-02-07": "2027-02-09", "2027-07-17": "2027-07-19",
		"2027-08-15": "2027-08-16", "2027-10-03": "2027-10-04", "2027-10-09": "2027-10-11",
		"2027-12-25": "2027-12-27",
	}
	for weekend, sub := range subs {
		holiday, ok := cal.Holiday(date(t, weekend))
		require.True(t, ok, "%s is not in the table", weekend)
		wd := date(t, weekend).Weekday()
		require.True(t, wd == 0 || wd == 6, "%s is a %s", weekend, wd)
		name, ok := cal.Holiday(date(t, sub))
		require.True(t, ok, "substitute %s is not in the table", sub)
		require.Equal(t, "대체공휴일("+holiday+")", name, sub)
		wd = date(t, sub).Weekday()
		require.True(t, wd >= 1 && wd <= 5, "%s is a %s", sub, wd)
	}
	listed := 0
	for d := cal.From; !cal.To.Before(d); d = d.Next() {
		if name, ok := cal.Holiday(d); ok && strings.HasPrefix(name, "대체공휴일") {
			listed++
		}
	}
	require.Equal(t, len(subs), listed, "substitute days in the table")
	// 추석 2026 ends on a Saturday: no substitute for 설날/추석 on Saturdays.
	require.Equal(t, 6, int(date(t, "2026-09-26").Weekday()))
	ok, err := cal.WorkingDay(date(t, "2026-09-28"))
	require.NoError(t, err)
	require.True(t, ok)
}

func TestWorkingDayOutsideCoverage(t *testing.T) {
	t.Parallel()
	cal := shipped(t)
	_, err := cal.WorkingDay(date(t, "2028-01-03"))
	require.ErrorIs(t, err, clock.ErrNotCovered)
	_, err = cal.WorkingDay(date(t, "2025-12-31"))
	require.ErrorIs(t, err, clock.ErrNotCovered)
}

func TestNewCalendarRejectsHolidayOutsideCoverage(t *testing.T) {
	t.Parallel()
	_, err := clock.NewCalendar(1, date(t, "2026-01-01"), date(t, "2026-12-31"),
		map[clock.Date]string{date(t, "2027-01-01"): "1월 1일"})
	require.Error(t, err)
	_, err = clock.NewCalendar(1, date(t, "2026-12-31"), date(t, "2026-01-01"), nil)
	require.Error(t, err)
}

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]clock.Period{"7d": clock.Days(7), "3h": clock.Hours(3), " 14d ": clock.Days(14)} {
		got, err := clock.ParsePeriod(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "d", "7", "7w", "0d", "-1h", "366d", "1.5d"} {
		_, err := clock.ParsePeriod(bad)
		require.Error(t, err, bad)
	}
	require.Equal(t, clock.Hours(40), clock.Days(5).Counted())
	require.Equal(t, clock.Days(6), clock.Days(6).Counted())
	require.Equal(t, 56, clock.Days(7).WorkingHours())
}
