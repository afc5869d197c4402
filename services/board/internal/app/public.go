package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// LogPage is one page of the public moderation log.
type LogPage struct {
	Entries []domain.Decision
	Next    string
}

// ModerationLog is the public log of removals, hides and reversals,
// overall or for one board (A5.0). It carries no personal data: no author,
// no moderator, no facts.
func (s *Service) ModerationLog(ctx context.Context, boardID string, size int32, token string) (LogPage, error) {
	if boardID != "" {
		if err := requireID("board_id", boardID); err != nil {
			return LogPage{}, err
		}
	}
	limit, err := pageSize(size)
	if err != nil {
		return LogPage{}, err
	}
	after, err := pagetoken.DecodeID(token)
	if err != nil {
		return LogPage{}, err
	}
	list, err := s.store.PublicLog(ctx, boardID, after, limit+1)
	if err != nil {
		return LogPage{}, err
	}
	page := LogPage{}
	if len(list) > limit {
		list = list[:limit]
		page.Next = pagetoken.EncodeID(list[limit-1].ID)
	}
	for _, d := range list {
		page.Entries = append(page.Entries, PublicDecision(d))
	}
	return page, nil
}

// PublicDecision strips what the public must not see from a statement of
// reasons.
func PublicDecision(d domain.Decision) domain.Decision {
	d.ModeratorSubject, d.Facts, d.SignalAt = "", "", nil
	return d
}

// maxReportPeriod bounds a transparency report's period.
const maxReportPeriod = 366 * 24 * time.Hour

// TransparencyReport summarises a period's moderation (A5.0): removals per
// ground, automated shares, median time to decision, appeals and
// reversals. Public; counts only.
func (s *Service) TransparencyReport(ctx context.Context, from, to time.Time, boardID string) (Report, error) {
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
	return s.store.Transparency(ctx, from, to, boardID)
}
