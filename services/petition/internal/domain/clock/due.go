package clock

import (
	"time"
)

// Working hours of a civil servant (국가공무원 복무규정 제9조): 09:00–18:00
// with the lunch hour 12:00–13:00, which is what makes "a day" eight hours
// (법 제19조①). Lunch is therefore not counted.
var blocks = [2][2]int{{9, 12}, {13, 18}} // hours of the day, [start, end)

// Due returns when a complaint received at received with period p is due.
//
// Receipt outside working hours (before 09:00, after 18:00, on a Saturday,
// Sunday or holiday) is deemed to happen at the start of the next working
// hours: the hour-counted clock cannot run while no one works, and a
// day-counted period's "first day" is the first day the office could act.
// Receipt in the lunch hour counts from 13:00 for hour-counted periods and
// counts that day for day-counted ones.
func Due(received time.Time, p Period, cal *Calendar) (time.Time, error) {
	start, err := cal.nextWorkingInstant(received.In(Seoul))
	if err != nil {
		return time.Time{}, err
	}
	p = p.Counted()
	if p.Unit == UnitDays {
		last, err := cal.addDays(DateOf(start), p.Amount)
		return last.At(blocks[1][1], 0), err
	}
	return cal.addWorking(start, time.Duration(p.Amount)*time.Hour)
}

// Extend returns the due time after extending a period that was due at
// previous by p. The extension runs from the end of the previous period:
// hour-counted extensions add working hours from that moment and
// day-counted ones count working days from the next working day (a period
// due at 18:00 leaves no working time on its last day).
func Extend(previous time.Time, p Period, cal *Calendar) (time.Time, error) {
	return Due(previous, p, cal)
}

// WarnAt returns when a period running from start with p counts as nearing
// its end: the start of its last working day for day-counted periods, and
// once two thirds of the working hours have run for hour-counted ones.
func WarnAt(start time.Time, p Period, cal *Calendar) (time.Time, error) {
	from, err := cal.nextWorkingInstant(start.In(Seoul))
	if err != nil {
		return time.Time{}, err
	}
	p = p.Counted()
	if p.Unit == UnitDays {
		last, err := cal.addDays(DateOf(from), p.Amount)
		return last.At(blocks[0][0], 0), err
	}
	return cal.addWorking(from, time.Duration(p.Amount)*time.Hour*2/3)
}

// nextWorkingInstant returns t if it lies inside working hours of a working
// day, otherwise the start of the next working block. The end of a block
// (12:00, 18:00) is not inside it.
func (c *Calendar) nextWorkingInstant(t time.Time) (time.Time, error) {
	d := DateOf(t)
	ok, err := c.WorkingDay(d)
	if err != nil {
		return time.Time{}, err
	}
	if ok {
		for _, b := range blocks {
			if t.Before(d.At(b[0], 0)) {
				return d.At(b[0], 0), nil
			}
			if t.Before(d.At(b[1], 0)) {
				return t, nil
			}
		}
	}
	next, err := c.nextWorkingDay(d.Next())
	if err != nil {
		return time.Time{}, err
	}
	return next.At(blocks[0][0], 0), nil
}

// blockEnd returns the end of the working block containing t, a working
// instant.
func blockEnd(t time.Time) time.Time {
	d := DateOf(t)
	if t.Before(d.At(blocks[0][1], 0)) {
		return d.At(blocks[0][1], 0)
	}
	return d.At(blocks[1][1], 0)
}

// addWorking consumes working time from start, a working instant. A period
// ending exactly at a block's end is due then (18:00, not 09:00 the next
// day).
func (c *Calendar) addWorking(start time.Time, left time.Duration) (time.Time, error) {
	cur := start
	for {
		end := blockEnd(cur)
		if room := end.Sub(cur); left <= room {
			return cur.Add(left), nil
		} else {
			left -= room
		}
		var err error
		if cur, err = c.nextWorkingInstant(end); err != nil {
			return time.Time{}, err
		}
	}
}

// addDays counts n working days with first (a working day) as the first
// one and returns the last.
func (c *Calendar) addDays(first Date, n int) (Date, error) {
	d := first
	for counted := 1; counted < n; counted++ {
		next, err := c.nextWorkingDay(d.Next())
		if err != nil {
			return Date{}, err
		}
		d = next
	}
	return d, nil
}
