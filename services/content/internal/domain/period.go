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
	v.Check(start.IsZero(), "start_time", "REQUIRED_WITH", "other", "end_time")
	v.Check(end.IsZero(), "end_time", "REQUIRED_WITH", "other", "start_time")
	if !start.IsZero() && !end.IsZero() {
		v.Check(!start.Before(end), "end_time", "NOT_AFTER", "other", "start_time")
		v.Check(end.Sub(start) > MaxPeriod, "end_time", "PERIOD_TOO_LONG", "days", 366)
	}
	if err := v.Err(); err != nil {
		return Period{}, err
	}
	return Period{Start: start.UTC(), End: end.UTC()}, nil
}

// settleTime is how long after its end a period is final. Changes of
// items are stamped when their transaction runs, and other services'
// events reach this service a little after they happened (relay, delivery,
// a consumer restarting): the hour lets both arrive.
const settleTime = time.Hour

// Evaluation is how a period is evaluated at some instant.
type Evaluation struct {
	// At is the instant whose state is evaluated: the period's end, or now
	// while the period runs.
	At time.Time
	// AsOf bounds other services' facts by when they were recorded here:
	// while provisional, what had arrived by At (so asking again gives the
	// same answer once the period has ended); once final, what arrived by
	// the end plus the settle time, for good.
	AsOf        time.Time
	Provisional bool
}

// Evaluate says how the period is evaluated at now.
func (p Period) Evaluate(now time.Time) Evaluation {
	switch {
	case now.Before(p.End):
		return Evaluation{At: now, AsOf: now, Provisional: true}
	case now.Before(p.End.Add(settleTime)):
		return Evaluation{At: p.End, AsOf: p.End, Provisional: true}
	}
	return Evaluation{At: p.End, AsOf: p.End.Add(settleTime)}
}
