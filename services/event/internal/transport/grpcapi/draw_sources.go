package grpcapi

import (
	"context"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

var sourceKinds = map[eventv1.DrawSourceKind]domain.DrawSourceKind{
	eventv1.DrawSourceKind_DRAW_SOURCE_KIND_LOTTERY: domain.SourceLottery,
	eventv1.DrawSourceKind_DRAW_SOURCE_KIND_BEACON:  domain.SourceBeacon,
}

var sourceKindOut = invert(sourceKinds)

func sourcesIn(in []*eventv1.DrawSource) []domain.DrawSource {
	var out []domain.DrawSource
	for _, s := range in {
		out = append(out, domain.DrawSource{ID: s.GetId(), Kind: sourceKinds[s.GetKind()], Name: textIn(s.GetName()),
			Reference: s.GetReference(), Round: s.GetRound(), AvailableAfter: timeIn(s.GetAvailableTime())})
	}
	return out
}

func sourcesOut(in []domain.DrawSource) []*eventv1.DrawSource {
	var out []*eventv1.DrawSource
	for _, s := range in {
		out = append(out, &eventv1.DrawSource{Id: s.ID, Kind: sourceKindOut[s.Kind], Name: textOut(s.Name),
			Reference: s.Reference, Round: s.Round, AvailableTime: timeOut(s.AvailableAfter)})
	}
	return out
}

// EnterDrawSourceValue implements the RPC.
func (s *Server) EnterDrawSourceValue(ctx context.Context, r *eventv1.EnterDrawSourceValueRequest) (*eventv1.EnterDrawSourceValueResponse, error) {
	st, err := s.app.EnterDrawSourceValue(ctx, r.GetEventId(), r.GetSourceId(), r.GetValue())
	if err != nil {
		return nil, err
	}
	return &eventv1.EnterDrawSourceValueResponse{DrawSource: &eventv1.DrawSourceState{SourceId: st.SourceID,
		Confirmed: st.Confirmed, Value: st.Value, EntryCount: int32(st.EntryCount)}}, nil
}

// drawProofsOut adds to the published draw inputs what a v2 draw is
// verified with: what each entry id is derived from and, once drawn, the
// sources' values with every official's entry of them.
func drawProofsOut(out *eventv1.DrawInputs, in *app.DrawInputs) {
	for _, en := range in.Entries {
		out.Entries = append(out.Entries, &eventv1.DrawEntry{Id: en.ID, Pseudonym: en.Pseudonym, EnterTime: timeOut(en.CreatedAt)})
	}
	e := in.Event
	if !e.SeedRevealed() {
		return // the first official's value stays unseen by the second
	}
	for _, src := range e.Draft.DrawSources {
		entries := e.SourceEntries(src.ID)
		p := &eventv1.PublishedDrawSource{Id: src.ID}
		p.Value, _ = drawproof.Confirmed(entries)
		for _, v := range entries {
			p.Entries = append(p.Entries, &eventv1.DrawSourceValueEntry{Official: v.Official, Value: v.Value, EnterTime: timeOut(v.EnteredAt)})
		}
		out.DrawSources = append(out.DrawSources, p)
	}
}
