package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// CloseParticipationEvent closes entries after the period and publishes the
// digest of the canonical entry list (drawproof), before the seed is
// revealed. The participation event is locked, and entries take a share
// lock on it, so no entry can slip in after the digest.
func (a *App) CloseParticipationEvent(ctx context.Context, id, tag string) (*domain.ParticipationEvent, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	if _, _, err := a.managed(ctx, id); err != nil {
		return nil, err
	}
	return a.events.Update(ctx, id, func(e *domain.ParticipationEvent, in Entrants) error {
		if err := etag.Check(tag, etag.Of(e.Revision)); err != nil {
			return err
		}
		return a.closeLocked(ctx, e, in)
	})
}

// closeLocked closes e, locked: the digest of the entry list as it stands
// under the lock.
func (a *App) closeLocked(ctx context.Context, e *domain.ParticipationEvent, in Entrants) error {
	ids, err := in.EntryIDs(ctx)
	if err != nil {
		return err
	}
	digest, err := drawproof.EntryListDigest(ids)
	if err != nil {
		return err
	}
	return e.Close(a.now(), digest, len(ids))
}
