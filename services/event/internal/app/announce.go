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
	return a.store.Update(ctx, id, func(_ EventTx, e *domain.ParticipationEvent) error {
		if err := etag.Check(tag, etag.Of(e.Revision)); err != nil {
			return err
		}
		return e.Announce(a.now(), seed, pseudonymKey)
	})
}

// OpenParticipationEvent opens an announced participation event for
// entries; without the announcement it is refused (A7.3).
func (a *App) OpenParticipationEvent(ctx context.Context, id, tag string) (*domain.ParticipationEvent, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	if _, _, err := a.managed(ctx, id); err != nil {
		return nil, err
	}
	return a.store.Update(ctx, id, func(_ EventTx, e *domain.ParticipationEvent) error {
		if err := etag.Check(tag, etag.Of(e.Revision)); err != nil {
			return err
		}
		return e.Open(a.now())
	})
}

// CloseParticipationEvent closes entries after the period and publishes the
// digest of the canonical entry list (drawproof), before the seed is
// revealed. The event row is locked, and entries take a share lock on it,
// so no entry can slip in after the digest.
func (a *App) CloseParticipationEvent(ctx context.Context, id, tag string) (*domain.ParticipationEvent, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	if _, _, err := a.managed(ctx, id); err != nil {
		return nil, err
	}
	return a.close(ctx, id, tag)
}

// close closes entries of one participation event.
func (a *App) close(ctx context.Context, id, tag string) (*domain.ParticipationEvent, error) {
	return a.store.Update(ctx, id, func(tx EventTx, e *domain.ParticipationEvent) error {
		if err := etag.Check(tag, etag.Of(e.Revision)); err != nil {
			return err
		}
		return a.closeLocked(ctx, tx, e)
	})
}

// closeLocked closes e, locked in tx: the digest of the entry list as it
// stands under the lock.
func (a *App) closeLocked(ctx context.Context, tx EventTx, e *domain.ParticipationEvent) error {
	ids, err := tx.EntryIDs(ctx)
	if err != nil {
		return err
	}
	digest, err := drawproof.EntryListDigest(ids)
	if err != nil {
		return err
	}
	return e.Close(a.now(), digest, len(ids))
}

// closeBatch is how many participation events one close transaction claims.
const closeBatch = 20

// CloseDue is the scheduled closer (a periodic job): it closes every
// participation event whose entry period has ended, so the entry list
// digest is published even when no official presses close. It claims due
// events in short transactions (SKIP LOCKED, safe with N replicas) until
// none is left, and reports how many it closed.
func (a *App) CloseDue(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := a.store.ClaimDueForClose(ctx, a.now(), closeBatch, func(tx EventTx, e *domain.ParticipationEvent) error {
			return a.closeLocked(ctx, tx, e)
		})
		total += n
		if err != nil || n < closeBatch {
			return total, err
		}
	}
}
