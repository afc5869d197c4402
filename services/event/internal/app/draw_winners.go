package app

import (
	"bytes"
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// DrawWinners reveals the committed seed and draws the winners by the
// documented procedure (drawproof) over the canonical entry list whose
// digest was published at the close; a v2 draw waits until two officials
// confirmed every announced randomness source's value (A7). Masked names come from the privacy
// service. Every winner gets a PrizeAwarded event; mileage prizes carry
// points and count as delivered, since the mileage service credits them.
func (a *App) DrawWinners(ctx context.Context, id, tag string) (*domain.ParticipationEvent, error) {
	if err := checkID("event_id", id); err != nil {
		return nil, err
	}
	e, _, err := a.managed(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := etag.Check(tag, etag.Of(e.Revision)); err != nil {
		return nil, err
	}
	if e.Status != domain.StatusClosed {
		return nil, errs.FailedPrecondition("DRAW_AFTER_CLOSE", "status", e.Status)
	}
	key, err := e.DrawKey()
	if err != nil {
		return nil, err
	}
	ws, err := a.computeWinners(ctx, e, key)
	if err != nil {
		return nil, err
	}
	return a.events.Update(ctx, id, func(e *domain.ParticipationEvent, _ Entrants) error {
		if err := etag.Check(tag, etag.Of(e.Revision)); err != nil {
			return err
		}
		// A source value entered meanwhile may have disputed the key.
		if now, err := e.DrawKey(); err != nil || !bytes.Equal(now, key) {
			return errs.Conflict("DRAW_SOURCES_CHANGED")
		}
		return e.MarkDrawn(a.now(), ws)
	})
}

// computeWinners runs outside the transaction: after the close the entry
// list cannot change, and privacy calls should not hold row locks.
func (a *App) computeWinners(ctx context.Context, e *domain.ParticipationEvent, key []byte) ([]domain.Winner, error) {
	ids, err := a.entries.IDs(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	if digest, err := drawproof.EntryListDigest(ids); err != nil || digest != e.EntryListDigest {
		return nil, errs.E(errs.KindInternal, "ENTRY_LIST_CHANGED")
	}
	drawn, err := drawproof.Draw(key, ids, slots(e.Draft))
	if err != nil {
		return nil, err
	}
	winnerIDs := make([]string, len(drawn))
	for i, w := range drawn {
		winnerIDs[i] = w.EntryID
	}
	entries, err := a.entries.ByID(ctx, e.ID, winnerIDs)
	if err != nil {
		return nil, err
	}
	ws := make([]domain.Winner, len(drawn))
	for i, d := range drawn {
		if ws[i], err = a.winner(ctx, e, d, entries[d.EntryID]); err != nil {
			return nil, err
		}
	}
	return ws, nil
}

func (a *App) winner(ctx context.Context, e *domain.ParticipationEvent, d drawproof.Winner, en domain.Entry) (domain.Winner, error) {
	masked, err := a.maskedName(ctx, en)
	if err != nil {
		return domain.Winner{}, err
	}
	p, _ := e.Draft.Prize(d.PrizeID)
	w := domain.Winner{ID: uuid.NewString(), EventID: e.ID, Rank: d.Rank, EntryID: d.EntryID,
		SubjectID: en.SubjectID, MaskedName: masked, PrizeID: p.ID, PrizeKind: p.Kind,
		UnitValue: p.UnitValue, Contact: en.Contact}
	if p.Kind == domain.PrizeMileage {
		w.Delivered, w.DeliveredAt, w.Note = true, a.now(), "credited by the mileage service"
	}
	return w, nil
}

// maskedName is the winner's masked name from the privacy service, or
// domain.ErasedName for an entrant whose personal data was erased (A10.4):
// their tokens were cleared here, or the privacy service no longer holds
// a name (its erasure event may still be on the way). An erased entrant
// stays in the draw; only the name is gone.
func (a *App) maskedName(ctx context.Context, en domain.Entry) (string, error) {
	if en.Contact.Erased() {
		return domain.ErasedName, nil
	}
	name, err := a.privacy.MaskedName(ctx, en.SubjectID)
	if errs.Is(err, errs.KindNotFound) {
		return domain.ErasedName, nil
	}
	return name, err
}

func slots(d domain.Draft) []drawproof.Slot {
	out := make([]drawproof.Slot, len(d.Prizes))
	for i, p := range d.Prizes {
		out[i] = drawproof.Slot{PrizeID: p.ID, Count: p.Count}
	}
	return out
}
