package app

import (
	"context"
	"io"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// AnnounceParticipationEvent publishes the prize plan and operating details
// before the entry period starts (A7.3). In the same transaction it draws
// the secret seed and publishes its commitment, so the draw is bound before
// the first entry can exist; the commitment and the public randomness
// sources the draw waits for (A7) are part of the hashed announcement
// document. It also draws the key of the published pseudonyms.
func (a *App) AnnounceParticipationEvent(ctx context.Context, id, tag string) (*domain.ParticipationEvent, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	if _, _, err := a.managed(ctx, id); err != nil {
		return nil, err
	}
	secrets := make([]byte, 2*drawproof.SeedSize)
	if _, err := io.ReadFull(a.random, secrets); err != nil {
		return nil, errs.Wrap(errs.KindInternal, err, "INTERNAL")
	}
	seed, pseudonymKey := secrets[:drawproof.SeedSize], secrets[drawproof.SeedSize:]
	return a.events.Update(ctx, id, func(e *domain.ParticipationEvent, _ Entrants) error {
		if err := etag.Check(tag, etag.Of(e.Revision)); err != nil {
			return err
		}
		return e.Announce(a.now(), seed, pseudonymKey)
	})
}
