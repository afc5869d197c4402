// Package clock computes the due time of a civil complaint under the Civil
// Petitions Act (민원 처리에 관한 법률 제19조, 처리기간의 계산): periods of
// five days or less are counted in working hours from receipt, eight hours
// a day; periods of six days or more in working days with the first day
// counted; Saturdays, Sundays and public holidays are never counted.
//
// Public holidays are data, not computed: a Calendar is one version of the
// holiday table, complete for the dates it covers. Computing beyond the
// covered dates is an error rather than a silent guess, because a due date
// that ignores an unknown holiday is a wrong due date; a caller that must
// answer anyway (a complaint is never refused for the table's end) asks
// Provisional for a calendar that counts only weekends past the table and
// marks what it computes as provisional.
//
// The package is pure: no I/O, no clock reads. All times are interpreted in
// Asia/Seoul (KST has no daylight saving time).
package clock

import (
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // Asia/Seoul must resolve on hosts without zoneinfo.
)

// Seoul is the time zone of every rule here.
var Seoul = mustLoad("Asia/Seoul")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// ErrNotCovered means the computation needs days the holiday table does not
// cover; an admin must extend the table first.
var ErrNotCovered = errors.New("holiday table does not cover the dates needed")

// Date is a calendar day in Seoul.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the Seoul calendar day of t.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Seoul).Date()
	return Date{y, m, d}
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, Seoul)
	if err != nil {
		return Date{}, fmt.Errorf("not a YYYY-MM-DD date: %q", s)
	}
	return DateOf(t), nil
}

// At returns the instant hour:minute on d in Seoul.
func (d Date) At(hour, minute int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, Seoul)
}

// Next returns the following day.
func (d Date) Next() Date { return DateOf(d.At(12, 0).AddDate(0, 0, 1)) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.At(0, 0).Before(o.At(0, 0)) }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.At(12, 0).Weekday() }

func (d Date) String() string { return d.At(0, 0).Format(time.DateOnly) }

// Calendar is one version of the public holiday table.
type Calendar struct {
	Version  int
	From, To Date // inclusive coverage
	holidays map[Date]string
	// weekendsPast counts the days after To by weekends alone.
	weekendsPast bool
}

// Provisional returns the calendar that counts the days after its coverage
// by weekends alone (Saturdays and Sundays are never counted; holidays
// nobody has tabled yet are not known). A due date computed with it is
// provisional until the table covers it.
func (c *Calendar) Provisional() *Calendar {
	p := *c
	p.weekendsPast = true
	return &p
}

// NewCalendar builds a calendar; every holiday must lie within coverage.
func NewCalendar(version int, from, to Date, holidays map[Date]string) (*Calendar, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("coverage ends %s before it starts %s", to, from)
	}
	h := make(map[Date]string, len(holidays))
	for d, name := range holidays {
		if d.Before(from) || to.Before(d) {
			return nil, fmt.Errorf("holiday %s outside coverage %s..%s", d, from, to)
		}
		h[d] = name
	}
	return &Calendar{Version: version, From: from, To: to, holidays: h}, nil
}

// Holiday returns the holiday's name and whether d is one. Sundays are
// public holidays by 관공서의 공휴일에 관한 규정 제2조 제1호 and are not
// listed in the table.
func (c *Calendar) Holiday(d Date) (string, bool) {
	name, ok := c.holidays[d]
	return name, ok
}

// WorkingDay reports whether d is counted: not a Saturday, Sunday or public
// holiday. It fails for days outside the coverage.
func (c *Calendar) WorkingDay(d Date) (bool, error) {
	if d.Before(c.From) || c.To.Before(d) && !c.weekendsPast {
		return false, fmt.Errorf("%w: %s is outside %s..%s (version %d)", ErrNotCovered, d, c.From, c.To, c.Version)
	}
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false, nil
	}
	_, holiday := c.holidays[d]
	return !holiday, nil
}

// nextWorkingDay returns the first working day on or after d.
func (c *Calendar) nextWorkingDay(d Date) (Date, error) {
	for {
		ok, err := c.WorkingDay(d)
		if err != nil || ok {
			return d, err
		}
		d = d.Next()
	}
}
