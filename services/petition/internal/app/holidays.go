package app

import (
	"context"
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
	Add     map[string]string // YYYY-MM-DD → name
	Remove  []string
	Reason  string
	Source  string
	CoverTo string
}

type parsedAmendment struct {
	add     map[clock.Date]string
	remove  []clock.Date
	coverTo clock.Date
}

func (a Amendment) parse() (parsedAmendment, error) {
	var v errs.Violations
	p := parsedAmendment{add: map[clock.Date]string{}}
	for day, name := range a.Add {
		d, err := clock.ParseDate(day)
		v.Check(err != nil, "add.date", "must be YYYY-MM-DD")
		v.Check(name == "" || len([]rune(name)) > 100, "add.name", "required, at most 100 characters")
		p.add[d] = name
	}
	for _, day := range a.Remove {
		d, err := clock.ParseDate(day)
		v.Check(err != nil, "remove", "must be YYYY-MM-DD dates")
		p.remove = append(p.remove, d)
	}
	v.Check(len(a.Add)+len(a.Remove) == 0 && a.CoverTo == "", "add", "nothing to amend")
	v.Check(a.Reason == "" || len([]rune(a.Reason)) > 500, "reason", "required, at most 500 characters")
	v.Check(a.Source == "" || len([]rune(a.Source)) > 500, "source", "required: cite the announcement, at most 500 characters")
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
	p, err := a.parse()
	if err != nil {
		return HolidayTable{}, err
	}
	c, err := identity.RequireAny(ctx, identity.RoleAdmin)
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
		for _, d := range p.remove {
			if _, ok := next.Holidays[d]; !ok {
				return HolidayTable{}, errs.Invalid("remove", d.String()+" is not in the current table")
			}
			delete(next.Holidays, d)
		}
		for d, n := range p.add {
			next.Holidays[d] = n
		}
		if _, err := clock.NewCalendar(next.Version, next.From, next.To, next.Holidays); err != nil {
			return HolidayTable{}, errs.Invalid("add.date", err.Error())
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
