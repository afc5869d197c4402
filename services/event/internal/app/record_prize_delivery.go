package app

import (
	"context"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// RecordPrizeDelivery records delivery of a non-mileage prize (officials
// of the department, admins). Repeating it changes nothing.
func (a *App) RecordPrizeDelivery(ctx context.Context, eventID, winnerID, note string) (*domain.Winner, error) {
	var v errs.Violations
	v.Check(checkID("event_id", eventID) != nil, "event_id", "NOT_UUID")
	v.Check(checkID("winner_id", winnerID) != nil, "winner_id", "NOT_UUID")
	v.Check(utf8.RuneCountInString(note) > domain.MaxShortText, "note", "TOO_LONG", "max", domain.MaxShortText)
	domain.CheckPlain(&v, "note", note)
	if err := v.Err(); err != nil {
		return nil, err
	}
	_, c, err := a.managed(ctx, eventID)
	if err != nil {
		return nil, err
	}
	return a.winners.Update(ctx, eventID, winnerID, func(w *domain.Winner) error {
		_, err := w.Deliver(a.now(), c.Subject, personaldata.Mask(note).Text)
		return err
	})
}
