package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// maxReportPeriod bounds a transparency report's period.
const maxReportPeriod = 366 * 24 * time.Hour

// GetTransparencyReport summarises a period's moderation (A5.0): removals per
// ground, automated shares, median time to decision, appeals and
// reversals. Public; counts only.
func (s *App) GetTransparencyReport(ctx context.Context, from, to time.Time, boardID string) (Report, error) {
	if to.IsZero() {
		to = s.now()
	}
	if from.IsZero() {
		from = to.Add(-30 * 24 * time.Hour)
	}
	var v errs.Violations
	v.Check(!from.Before(to), "start_time", "NOT_BEFORE", "other", "end_time")
	v.Check(to.Sub(from) > maxReportPeriod, "end_time", "PERIOD_TOO_LONG", "days", 366)
	if boardID != "" && requireID("board_id", boardID) != nil {
		v.Add("board_id", "NOT_UUID")
	}
	if err := v.Err(); err != nil {
		return Report{}, err
	}
	return s.decisions.Transparency(ctx, from, to, boardID)
}
