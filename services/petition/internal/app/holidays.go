package app

import (
	"context"
	"fmt"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// HolidayTable returns a version of the table (0: the current one).
func (s *Service) HolidayTable(ctx context.Context, version int) (HolidayTable, error) {
	if version < 0 {
		return HolidayTable{}, errs.Invalid("version", "must not be negative")
	}
	return s.store.HolidayTable(ctx, version)
}

// Amendment changes the holiday table.
type Amendment struct {
	Add     []HolidayInput
	Remove  []string
	Reason  string
	Source  string
	CoverTo string
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
		v.Check(err != nil, f+"date", "must be YYYY-MM-DD")
		_, twice := p.add[d]
		v.Check(err == nil && twice, f+"date", "is listed twice")
		requiredText(&v, f+"name", h.Name, 100, "required, at most 100 characters")
		p.add[d] = h.Name
		p.addOrder = append(p.addOrder, d)
	}
	for i, day := range a.Remove {
		d, err := clock.ParseDate(day)
		v.Check(err != nil, fmt.Sprintf("remove[%d]", i), "must be a YYYY-MM-DD date")
		p.remove = append(p.remove, d)
	}
	v.Check(len(a.Add)+len(a.Remove) == 0 && a.CoverTo == "", "add", "nothing to amend")
	requiredText(&v, "reason", a.Reason, 500, "required, at most 500 characters")
	requiredText(&v, "source", a.Source, 500, "required: cite the announcement, at most 500 characters")
	if a.CoverTo != "" {
		d, err := clock.ParseDate(a.CoverTo)
		v.Check(err != nil, "covers_to", "must be YYYY-MM-DD")
		p.coverTo = d
	}
	return p, v.Err()
}

// AmendHolidayTable writes a new version of the table (admins). Due dates
// already computed keep the version they record.
func (s *Service) AmendHolidayTable(ctx context.Context, a Amendment) (HolidayTable, error) {
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
		next := HolidayTable{Version: cur.Version + 1, From: cur.From, To: cur.To, Source: a.Source,
			Reason: a.Reason, CreatedBy: actor(c), Holidays: map[clock.Date]string{}}
		if p.coverTo != (clock.Date{}) {
			if p.coverTo.Before(cur.To) {
				return HolidayTable{}, errs.Invalid("covers_to", "coverage can only be extended")
			}
			next.To = p.coverTo
		}
		for d, n := range cur.Holidays {
			next.Holidays[d] = n
		}
		for i, d := range p.remove {
			if _, ok := next.Holidays[d]; !ok {
				return HolidayTable{}, errs.Invalid(fmt.Sprintf("remove[%d]", i), d.String()+" is not in the current table")
			}
			delete(next.Holidays, d)
		}
		for i, d := range p.addOrder {
			if d.Before(next.From) || next.To.Before(d) {
				return HolidayTable{}, errs.Invalid(fmt.Sprintf("add[%d].date", i),
					fmt.Sprintf("outside the table's coverage %s..%s; extend covers_to first", next.From, next.To))
			}
			next.Holidays[d] = p.add[d]
		}
		if _, err := clock.NewCalendar(next.Version, next.From, next.To, next.Holidays); err != nil {
			return HolidayTable{}, errs.Invalid("add", err.Error())
		}
		return next, nil
	})
}

// ComputeDueDate tells when a complaint of type received at receivedAt
// (now if zero) would be due under the current table.
func (s *Service) ComputeDueDate(ctx context.Context, typ string, receivedAt time.Time) (domain.DueDate, error) {
	t, ok := domain.TypeByCode(typ)
	if !ok {
		return domain.DueDate{}, errs.Invalid("complaint_type", "must be one of "+domain.TypeCodes())
	}
	if receivedAt.IsZero() {
		receivedAt = s.now()
	}
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return domain.DueDate{}, err
	}
	return domain.ComputeDue(receivedAt, t.Period, cal)
}
