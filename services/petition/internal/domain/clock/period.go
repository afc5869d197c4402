package clock

import (
	"fmt"
	"strconv"
	"strings"
)

// Unit is how a period is counted.
type Unit int

const (
	// UnitHours counts working hours from the moment of receipt.
	UnitHours Unit = iota + 1
	// UnitDays counts working days, the first day included.
	UnitDays
)

// HoursPerDay is the working day of 법 제19조①: "1일은 8시간의 근무시간".
const HoursPerDay = 8

// Period is a processing period as the law states it.
type Period struct {
	Unit   Unit
	Amount int
}

// Hours and Days build periods.
func Hours(n int) Period { return Period{UnitHours, n} }
func Days(n int) Period  { return Period{UnitDays, n} }

// Immediately is "즉시": three working hours.
var Immediately = Hours(3)

// ParsePeriod parses "7d" or "3h".
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return Period{}, fmt.Errorf("period %q: want a number followed by d or h", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 || n > 365 {
		return Period{}, fmt.Errorf("period %q: want a positive whole number of at most 365", s)
	}
	switch s[len(s)-1] {
	case 'd':
		return Days(n), nil
	case 'h':
		return Hours(n), nil
	}
	return Period{}, fmt.Errorf("period %q: unit must be d (days) or h (working hours)", s)
}

func (p Period) String() string {
	if p.Unit == UnitDays {
		return fmt.Sprintf("%dd", p.Amount)
	}
	return fmt.Sprintf("%dh", p.Amount)
}

// Counted returns the period as the law counts it: five days or less are
// counted in working hours (8 per day), six days or more in days.
func (p Period) Counted() Period {
	if p.Unit == UnitDays && p.Amount <= 5 {
		return Hours(p.Amount * HoursPerDay)
	}
	return p
}

// WorkingHours is the length in working hours, to compare periods of
// either unit (an extension may not exceed the original period).
func (p Period) WorkingHours() int {
	if p.Unit == UnitDays {
		return p.Amount * HoursPerDay
	}
	return p.Amount
}
