package app

import (
	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
)

// Page sizes.
const (
	defaultPage = 20
	maxPage     = 100
)

// pageSize clamps a requested page size; negative is bad input.
func pageSize(n int32) (int, error) { return pagetoken.Size(int(n), defaultPage, maxPage) }

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

// requireID checks that an id field is a well-formed id, so a malformed
// one is bad input rather than "not found".
func requireID(field, id string) error {
	if id == "" {
		return errs.Invalid(field, "REQUIRED")
	}
	if _, err := uuid.Parse(id); err != nil {
		return errs.Invalid(field, "NOT_UUID")
	}
	return nil
}
