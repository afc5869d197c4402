package app

import (
	"context"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// ListWinners lists the winners with masked names. Contact tokens (for an
// official to reveal through the privacy service, audited) are kept only
// for the department's officials and admins.
func (a *App) ListWinners(ctx context.Context, eventID string) ([]domain.Winner, error) {
	if err := checkID("event_id", eventID); err != nil {
		return nil, err
	}
	e, err := a.visible(ctx, eventID)
	if err != nil {
		return nil, err
	}
	ws, err := a.store.Winners(ctx, eventID)
	if err != nil {
		return nil, err
	}
	if !canSeeDraft(identity.From(ctx), e) {
		for i := range ws {
			ws[i].Contact = domain.ContactTokens{}
			ws[i].SubjectID = ""
			ws[i].DeliveredBy, ws[i].Note = "", ""
		}
	}
	return ws, nil
}

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
	return a.store.UpdateWinner(ctx, eventID, winnerID, func(_ *domain.ParticipationEvent, w *domain.Winner) error {
		_, err := w.Deliver(a.now(), c.Subject, personaldata.Mask(note).Text)
		return err
	})
}
