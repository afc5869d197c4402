package grpcapi

import (
	"context"
	"encoding/hex"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
)

// DrawWinners implements the RPC.
func (s *Server) DrawWinners(ctx context.Context, r *eventv1.DrawWinnersRequest) (*eventv1.DrawWinnersResponse, error) {
	e, err := s.app.DrawWinners(ctx, r.GetEventId(), r.GetEtag())
	if err != nil {
		return nil, err
	}
	return &eventv1.DrawWinnersResponse{ParticipationEvent: eventOut(e, reader(ctx))}, nil
}

// ListWinners implements the RPC.
func (s *Server) ListWinners(ctx context.Context, r *eventv1.ListWinnersRequest) (*eventv1.ListWinnersResponse, error) {
	ws, err := s.app.ListWinners(ctx, r.GetEventId())
	if err != nil {
		return nil, err
	}
	out := &eventv1.ListWinnersResponse{}
	for _, w := range ws {
		out.Winners = append(out.Winners, winnerOut(w))
	}
	return out, nil
}

// RecordPrizeDelivery implements the RPC.
func (s *Server) RecordPrizeDelivery(ctx context.Context, r *eventv1.RecordPrizeDeliveryRequest) (*eventv1.RecordPrizeDeliveryResponse, error) {
	w, err := s.app.RecordPrizeDelivery(ctx, r.GetEventId(), r.GetWinnerId(), r.GetNote())
	if err != nil {
		return nil, err
	}
	return &eventv1.RecordPrizeDeliveryResponse{Winner: winnerOut(*w)}, nil
}

// GetDrawInputs implements the RPC: the seed only once the draw happened.
func (s *Server) GetDrawInputs(ctx context.Context, r *eventv1.GetDrawInputsRequest) (*eventv1.DrawInputs, error) {
	in, err := s.app.GetDrawInputs(ctx, r.GetEventId())
	if err != nil {
		return nil, err
	}
	e := in.Event
	out := &eventv1.DrawInputs{EventId: e.ID, Algorithm: e.DrawAlgorithm,
		AnnouncementDocument: string(e.AnnouncementDocument), AnnouncementHash: e.AnnouncementHash,
		SeedCommitment: e.SeedCommitment, CommitTime: timeOut(e.CommittedAt),
		EntryEndTime: timeOut(e.Draft.EntryEndsAt), CloseTime: timeOut(e.ClosedAt), EntryIds: in.EntryIDs,
		EntryListDigest: e.EntryListDigest, DrawTime: timeOut(e.DrawnAt)}
	for _, p := range e.Draft.Prizes {
		out.Prizes = append(out.Prizes, &eventv1.PrizeSlot{PrizeId: p.ID, Count: int32(p.Count)})
	}
	if e.SeedRevealed() {
		out.Seed = hex.EncodeToString(e.Seed)
	}
	for _, w := range in.Winners {
		out.Winners = append(out.Winners, &eventv1.DrawnWinner{Rank: int32(w.Rank), EntryId: w.EntryID, PrizeId: w.PrizeID})
	}
	drawProofsOut(out, in)
	return out, nil
}
