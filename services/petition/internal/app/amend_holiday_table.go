package app

import (
	"context"
	"fmt"

	"github.com/seoul-gov/homepage/platform/etag"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// Amendment changes the holiday table.
type Amendment struct {
	Add     []HolidayInput
	Remove  []string
	Reason  string
	Source  string
	CoverTo string
	// Etag, when set, must be the current table's etag.
	Etag string
}

// HolidayInput is one day to add: YYYY-MM-DD and its name.
type HolidayInput struct{ Date, Name string }

type parsedAmendment struct {
	add      map[clock.Date]string
	addOrder []clock.Date // the request's order, for naming add[i]
	remove   []clock.Date
	coverTo  clock.Date
}

func (a Amendment) parse() (parsedAmendment, error) {
	var v errs.Violations
	p := parsedAmendment{add: map[clock.Date]string{}}
	for i, h := range a.Add {
		f := fmt.Sprintf("add[%d].", i)
		d, err := clock.ParseDate(h.Date)
		v.Check(err != nil, f+"date", "INVALID_DATE", "example", "2026-03-01")
		_, twice := p.add[d]
		v.Check(err == nil && twice, f+"date", "DUPLICATE")
		requiredText(&v, f+"name", h.Name, 100, "REQUIRED")
		p.add[d] = h.Name
		p.addOrder = append(p.addOrder, d)
	}
	for i, day := range a.Remove {
		d, err := clock.ParseDate(day)
		v.Check(err != nil, fmt.Sprintf("remove[%d]", i), "INVALID_DATE", "example", "2026-03-01")
		p.remove = append(p.remove, d)
	}
	v.Check(len(a.Add)+len(a.Remove) == 0 && a.CoverTo == "", "add", "NOTHING_TO_AMEND")
	requiredText(&v, "reason", a.Reason, 500, "REQUIRED")
	requiredText(&v, "source", a.Source, 500, "HOLIDAY_SOURCE_REQUIRED")
	if a.CoverTo != "" {
		d, err := clock.ParseDate(a.CoverTo)
		v.Check(err != nil, "covers_to", "INVALID_DATE", "example", "2027-12-31")
		p.coverTo = d
	}
	return p, v.Err()
}

// AmendHolidayTable writes a new version of the table (admins). Due dates
// already computed keep the version they record.
func (s *App) AmendHolidayTable(ctx context.Context, a Amendment) (HolidayTable, error) {
	// Authorization first: who may not amend the table learns nothing
	// about what an amendment must look like.
	c, err := identity.RequireAny(ctx, identity.RoleAdmin)
	if err != nil {
		return HolidayTable{}, err
	}
	p, err := a.parse()
	if err != nil {
		return HolidayTable{}, err
	}
	return s.store.AmendHolidayTable(ctx, func(cur HolidayTable) (HolidayTable, error) {
		if err := etag.Check(a.Etag, etag.Of(int64(cur.Version))); err != nil {
			return HolidayTable{}, err
		}
		next := HolidayTable{Version: cur.Version + 1, From: cur.From, To: cur.To, Source: a.Source,
			Reason: a.Reason, CreatedBy: actor(c), Holidays: map[clock.Date]string{}}
		if p.coverTo != (clock.Date{}) {
			if p.coverTo.Before(cur.To) {
				return HolidayTable{}, errs.Invalid("covers_to", "COVERAGE_ONLY_EXTENDED", "to", cur.To.String())
			}
			next.To = p.coverTo
		}
		for d, n := range cur.Holidays {
			next.Holidays[d] = n
		}
		for i, d := range p.remove {
			if _, ok := next.Holidays[d]; !ok {
				return HolidayTable{}, errs.Invalid(fmt.Sprintf("remove[%d]", i), "HOLIDAY_NOT_IN_TABLE", "date", d.String())
			}
			delete(next.Holidays, d)
		}
		for i, d := range p.addOrder {
			if d.Before(next.From) || next.To.Before(d) {
				return HolidayTable{}, errs.Invalid(fmt.Sprintf("add[%d].date", i), "HOLIDAY_OUTSIDE_COVERAGE",
					"from", next.From.String(), "to", next.To.String())
			}
			next.Holidays[d] = p.add[d]
		}
		if _, err := clock.NewCalendar(next.Version, next.From, next.To, next.Holidays); err != nil {
			bad := errs.Invalid("add", "HOLIDAY_TABLE_INVALID")
			bad.Cause = err
			return HolidayTable{}, bad
		}
		return next, nil
	})
}
