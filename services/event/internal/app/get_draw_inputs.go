package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// DrawInputs is every public input and output of a draw, as far as
// published: the commitment from the announcement, the entry list from
// the close, the seed and winners from the draw.
type DrawInputs struct {
	Event    *domain.ParticipationEvent
	EntryIDs []string
	// Entries are what the ids are derived from (v2).
	Entries []domain.Entry
	Winners []domain.Winner
}

// GetDrawInputs returns the public draw inputs of a participation event.
func (a *App) GetDrawInputs(ctx context.Context, eventID string) (*DrawInputs, error) {
	e, err := a.GetAnnouncement(ctx, eventID)
	if err != nil {
		return nil, err
	}
	in := &DrawInputs{Event: e}
	if e.Status == domain.StatusClosed || e.Status == domain.StatusDrawn {
		if in.EntryIDs, err = a.entries.IDs(ctx, eventID); err != nil {
			return nil, err
		}
		if e.DrawAlgorithm == drawproof.AlgorithmV2 {
			if in.Entries, err = a.entries.Proofs(ctx, eventID); err != nil {
				return nil, err
			}
		}
	}
	if e.Status == domain.StatusDrawn {
		if in.Winners, err = a.winners.List(ctx, eventID); err != nil {
			return nil, err
		}
	}
	return in, nil
}
