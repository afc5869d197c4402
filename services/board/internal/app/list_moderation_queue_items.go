package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// QueueEntry is one open case with its evidence.
type QueueEntry struct {
	Case    domain.Case
	Item    domain.Item
	Status  domain.Status
	Flags   []domain.Flag
	Reports []domain.Report
}

// QueuePage is one page of the moderation queue.
type QueuePage struct {
	Entries []QueueEntry
	Next    string
}

// ListModerationQueueItems lists open cases, most urgent first, with the screening
// evidence and the reports (reporters not named). Moderators only.
func (s *App) ListModerationQueueItems(ctx context.Context, size int32, token string) (QueuePage, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleModerator); err != nil {
		return QueuePage{}, err
	}
	limit, err := pageSize(size)
	if err != nil {
		return QueuePage{}, err
	}
	cases, next, err := s.cases.Queue(ctx, pagetoken.Page{Size: limit, Token: token})
	if err != nil {
		return QueuePage{}, err
	}
	page := QueuePage{Next: next}
	for _, cs := range cases {
		e, err := s.queueEntry(ctx, cs)
		if err != nil {
			return QueuePage{}, err
		}
		page.Entries = append(page.Entries, e)
	}
	return page, nil
}

func (s *App) queueEntry(ctx context.Context, cs domain.Case) (QueueEntry, error) {
	it, err := s.items.Get(ctx, cs.ItemID)
	if err != nil {
		return QueueEntry{}, err
	}
	flags, reports, err := s.cases.Signals(ctx, cs.ItemID)
	if err != nil {
		return QueueEntry{}, err
	}
	for i := range reports {
		reports[i].ReporterSubject = ""
	}
	return QueueEntry{Case: cs, Item: it, Status: it.EffectiveStatus(s.now()), Flags: flags, Reports: reports}, nil
}
