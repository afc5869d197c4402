package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// QueueEntry is one open case with its evidence.
type QueueEntry struct {
	Case    Case
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

// ModerationQueue lists open cases, most urgent first, with the screening
// evidence and the reports (reporters not named). Moderators only.
func (s *Service) ModerationQueue(ctx context.Context, size int32, token string) (QueuePage, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleModerator); err != nil {
		return QueuePage{}, err
	}
	limit, err := pageSize(size)
	if err != nil {
		return QueuePage{}, err
	}
	after, err := queueToken(token)
	if err != nil {
		return QueuePage{}, err
	}
	cases, err := s.store.Queue(ctx, after, limit+1)
	if err != nil {
		return QueuePage{}, err
	}
	page := QueuePage{}
	if len(cases) > limit {
		cases = cases[:limit]
		last := cases[limit-1]
		page.Next = queuePageToken(QueueCursor{Urgency: last.Urgency, ItemID: last.ItemID})
	}
	for _, cs := range cases {
		e, err := s.queueEntry(ctx, cs)
		if err != nil {
			return QueuePage{}, err
		}
		page.Entries = append(page.Entries, e)
	}
	return page, nil
}

func (s *Service) queueEntry(ctx context.Context, cs Case) (QueueEntry, error) {
	it, err := s.store.GetItem(ctx, cs.ItemID, false)
	if err != nil {
		return QueueEntry{}, err
	}
	flags, reports, err := s.store.Signals(ctx, cs.ItemID)
	if err != nil {
		return QueueEntry{}, err
	}
	for i := range reports {
		reports[i].ReporterSubject = ""
	}
	return QueueEntry{Case: cs, Item: it, Status: it.EffectiveStatus(s.now()), Flags: flags, Reports: reports}, nil
}
