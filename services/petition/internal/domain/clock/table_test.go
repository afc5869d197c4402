package clock_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

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

// shippedThrough2030 reads version 2 as migration 00008 writes it on a
// fresh database: version 1's holidays and those of 2028–2030.
func shippedThrough2030(t testing.TB) *clock.Calendar {
	t.Helper()
	days := map[clock.Date]string{}
	for d := shipped(t).From; !shipped(t).To.Before(d); d = d.Next() {
		if name, ok := shipped(t).Holiday(d); ok {
			days[d] = name
		}
	}
	raw, err := os.ReadFile("../../../migrations/00008_holidays_through_2030.sql")
	require.NoError(t, err)
	rows := regexp.MustCompile(`\('(\d{4}-\d{2}-\d{2})', '([^']+)'\)`).FindAllStringSubmatch(string(raw), -1)
	require.Len(t, rows, 57)
	for _, r := range rows {
		d, err := clock.ParseDate(r[1])
		require.NoError(t, err)
		_, twice := days[d]
		require.False(t, twice, r[1])
		days[d] = r[2]
	}
	cal, err := clock.NewCalendar(2, date(t, "2026-01-01"), date(t, "2030-12-31"), days)
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

// TestShippedHolidayTableThrough2030 checks the 2028–2030 holidays against
// the rules of 관공서의 공휴일에 관한 규정 (A6.2): every fixed holiday, the
// lunar days of the Korean calendar, substitutes on weekdays under their
// holiday's name, and election days on Wednesdays.
func TestShippedHolidayTableThrough2030(t *testing.T) {
	t.Parallel()
	cal := shippedThrough2030(t)
	for y := 2026; y <= 2030; y++ {
		for _, md := range []string{"01-01", "03-01", "05-05", "06-06", "07-17", "08-15", "10-03", "10-09", "12-25"} {
			_, ok := cal.Holiday(date(t, fmt.Sprintf("%d-%s", y, md)))
			require.True(t, ok, "%d-%s", y, md)
		}
	}
	for _, tc := range []struct{ day, want string }{
		{"2028-01-27", "설날"}, {"2028-05-02", "부처님오신날"}, {"2028-10-03", "추석·개천절"},
		{"2028-10-05", "대체공휴일(추석)"}, {"2028-10-06", "대체공휴일(개천절)"}, {"2028-04-12", "제23대 국회의원선거"},
		{"2029-02-13", "설날"}, {"2029-05-07", "대체공휴일(어린이날)"}, {"2029-05-21", "대체공휴일(부처님오신날)"},
		{"2029-09-24", "대체공휴일(추석)"}, {"2030-02-05", "대체공휴일(설날)"}, {"2030-03-27", "제22대 대통령선거"},
		{"2030-05-06", "대체공휴일(어린이날)"}, {"2030-06-12", "제10회 전국동시지방선거"}, {"2030-09-12", "추석"},
	} {
		name, ok := cal.Holiday(date(t, tc.day))
		require.True(t, ok, tc.day)
		require.Equal(t, tc.want, name, tc.day)
	}
	for d := date(t, "2028-01-01"); !cal.To.Before(d); d = d.Next() {
		name, ok := cal.Holiday(d)
		switch {
		case !ok:
		case strings.HasPrefix(name, "대체공휴일"):
			require.True(t, d.Weekday() >= time.Monday && d.Weekday() <= time.Friday, "%s %s on a %s", d, name, d.Weekday())
		case strings.HasSuffix(name, "선거"):
			require.Equal(t, time.Wednesday, d.Weekday(), "%s %s", d, name)
		}
	}
	// 2028-01-01 and 2029-09-22 (추석) fall on Saturdays: neither rule gives
	// them a substitute, so the next Monday is a working day.
	for _, day := range []string{"2028-01-03", "2029-09-25"} {
		ok, err := cal.WorkingDay(date(t, day))
		require.NoError(t, err)
		require.True(t, ok, day)
	}
}
