package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// ApplyEventDepartment learns which department runs a participation event.
func (a *App) ApplyEventDepartment(ctx context.Context, eventID, department string, at time.Time) error {
	var v errs.Violations
	v.Check(eventID == "" || len(eventID) > 128, "event_id", "LENGTH", "min", 1, "max", 128)
	v.Check(department == "", "department_code", "REQUIRED")
	if err := v.Err(); err != nil {
		return err
	}
	return a.Grants.SetEventDepartment(ctx, eventID, department, a.eventTime(at))
}
