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
	v.Check(from.IsZero(), "start_time", "REQUIRED")
	v.Check(to.IsZero(), "end_time", "REQUIRED")
	v.Check(!from.IsZero() && !to.IsZero() && !from.Before(to), "end_time", "NOT_AFTER", "other", "start_time")
	v.Check(to.Sub(from) > 3*366*24*time.Hour, "end_time", "PERIOD_TOO_LONG", "days", 3*366)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.store.DepartmentFigures(ctx, department, from, to, s.now())
}
