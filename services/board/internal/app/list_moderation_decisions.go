package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// LogPage is one page of the public moderation log.
type LogPage struct {
	Entries []domain.Decision
	Next    string
}

// ListModerationDecisions is the public log of removals, hides and reversals,
// overall or for one board (A5.0). It carries no personal data: no author,
// no moderator, no facts.
func (s *App) ListModerationDecisions(ctx context.Context, boardID string, size int32, token string) (LogPage, error) {
	if boardID != "" {
		if err := requireID("board_id", boardID); err != nil {
			return LogPage{}, err
		}
	}
	limit, err := pageSize(size)
	if err != nil {
		return LogPage{}, err
	}
	list, next, err := s.decisions.PublicLog(ctx, boardID, pagetoken.Page{Size: limit, Token: token})
	if err != nil {
		return LogPage{}, err
	}
	page := LogPage{Next: next}
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
