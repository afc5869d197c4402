package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/identity"
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
	ws, err := a.winners.List(ctx, eventID)
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
