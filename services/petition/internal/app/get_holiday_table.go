package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
)

// HolidayTable returns a version of the table (0: the current one).
func (s *App) HolidayTable(ctx context.Context, version int) (HolidayTable, error) {
	if version < 0 {
		return HolidayTable{}, errs.Invalid("version", "NOT_NEGATIVE")
	}
	return s.store.HolidayTable(ctx, version)
}
