package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// DepartmentFigures returns per-department figures for complaints received
// in [from, to) (A4.3). Aggregates carry no personal data and are public.
func (s *App) DepartmentFigures(ctx context.Context, department string, from, to time.Time) ([]Figures, error) {
	var v errs.Violations
	checkDepartment(&v, "department_code", department, false)
	v.Check(from.IsZero(), "from", "REQUIRED")
	v.Check(to.IsZero(), "to", "REQUIRED")
	v.Check(!from.IsZero() && !to.IsZero() && !from.Before(to), "to", "NOT_AFTER", "other", "from")
	v.Check(to.Sub(from) > 3*366*24*time.Hour, "to", "PERIOD_TOO_LONG", "days", 3*366)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.store.DepartmentFigures(ctx, department, from, to, s.now())
}
