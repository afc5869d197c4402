package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// seoul is Korea Standard Time; Korea has no daylight saving, so a fixed
// zone avoids depending on the machine's time-zone database.
var seoul = time.FixedZone("KST", 9*60*60)

// MaxPeriod bounds an evaluation period.
const MaxPeriod = 366 * day

// NewPeriod validates an evaluation period. Both zero means the last full
// calendar month in Seoul before now.
func NewPeriod(start, end, now time.Time) (Period, error) {
	if start.IsZero() && end.IsZero() {
		first := time.Date(now.In(seoul).Year(), now.In(seoul).Month(), 1, 0, 0, 0, 0, seoul)
		return Period{Start: first.AddDate(0, -1, 0).UTC(), End: first.UTC()}, nil
	}
	var v errs.Violations
	v.Check(start.IsZero(), "period_start", "REQUIRED_WITH", "other", "period_end")
	v.Check(end.IsZero(), "period_end", "REQUIRED_WITH", "other", "period_start")
	if !start.IsZero() && !end.IsZero() {
		v.Check(!start.Before(end), "period_end", "NOT_AFTER", "other", "period_start")
		v.Check(end.Sub(start) > MaxPeriod, "period_end", "PERIOD_TOO_LONG", "days", 366)
	}
	if err := v.Err(); err != nil {
		return Period{}, err
	}
	return Period{Start: start.UTC(), End: end.UTC()}, nil
}

// settleTime is how long after its end a period is final: changes are
// stamped when their transaction runs, so a moment's grace lets the last
// ones commit.
const settleTime = time.Minute

// EvaluatedAt is the instant a period is evaluated at, and whether the
// result is still provisional (the period is not over and settled).
func (p Period) EvaluatedAt(now time.Time) (time.Time, bool) {
	if now.Add(-settleTime).Before(p.End) {
		if now.Before(p.End) {
			return now, true
		}
		return p.End, true
	}
	return p.End, false
}
