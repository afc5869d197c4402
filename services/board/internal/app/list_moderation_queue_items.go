package app

import (
	"context"

	"github.com/google/uuid"
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
	after, err := queueToken(token)
	if err != nil {
		return QueuePage{}, err
	}
	cases, err := s.cases.Queue(ctx, after, limit+1)
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

// queuePosition is the moderation queue's keyset position.
type queuePosition struct {
	Urgency float64 `json:"u"`
	ItemID  string  `json:"i"`
}

func queuePageToken(c QueueCursor) string {
	return pagetoken.Encode(queuePosition{Urgency: c.Urgency, ItemID: c.ItemID})
}

// queueToken decodes a moderation-queue token (nil for the first page).
func queueToken(tok string) (*QueueCursor, error) {
	var pos queuePosition
	ok, err := pagetoken.Decode(tok, &pos)
	if err != nil || !ok {
		return nil, err
	}
	if _, err := uuid.Parse(pos.ItemID); err != nil {
		return nil, pagetoken.Invalid()
	}
	return &QueueCursor{Urgency: pos.Urgency, ItemID: pos.ItemID}, nil
}
