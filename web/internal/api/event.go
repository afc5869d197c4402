package api

import (
	"context"
	"net/http"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
)

// Calls of the event service (A7): participation events with their prize
// plans announced in advance, entries, winners and the draw's inputs.

// ListParticipationEvents lists events.
func (k *Caller) ListParticipationEvents(ctx context.Context, in *eventv1.ListParticipationEventsRequest) (*eventv1.ListParticipationEventsResponse, error) {
	out := new(eventv1.ListParticipationEventsResponse)
	return out, k.get(ctx, "/v1/participation-events", in, out)
}

// GetParticipationEvent reads one event.
func (k *Caller) GetParticipationEvent(ctx context.Context, in *eventv1.GetParticipationEventRequest) (*eventv1.ParticipationEvent, error) {
	out := new(eventv1.ParticipationEvent)
	return out, k.get(ctx, "/v1/participation-events/"+seg(in.GetEventId()), in, out, "event_id")
}

// CreateEntry enters an open event.
func (k *Caller) CreateEntry(ctx context.Context, in *eventv1.CreateEntryRequest) (*eventv1.Entry, error) {
	out := new(eventv1.Entry)
	return out, k.send(ctx, http.MethodPost, "/v1/participation-events/"+seg(in.GetEventId())+"/entries", in, out)
}

// GetMyEntry reads the caller's entry.
func (k *Caller) GetMyEntry(ctx context.Context, in *eventv1.GetMyEntryRequest) (*eventv1.Entry, error) {
	out := new(eventv1.Entry)
	return out, k.get(ctx, "/v1/participation-events/"+seg(in.GetEventId())+"/entries/mine", in, out, "event_id")
}

// ListWinners lists the drawn winners (masked names).
func (k *Caller) ListWinners(ctx context.Context, in *eventv1.ListWinnersRequest) (*eventv1.ListWinnersResponse, error) {
	out := new(eventv1.ListWinnersResponse)
	return out, k.get(ctx, "/v1/participation-events/"+seg(in.GetEventId())+"/winners", in, out, "event_id")
}

// GetDrawInputs is every public input and output of the draw.
func (k *Caller) GetDrawInputs(ctx context.Context, in *eventv1.GetDrawInputsRequest) (*eventv1.DrawInputs, error) {
	out := new(eventv1.DrawInputs)
	return out, k.get(ctx, "/v1/participation-events/"+seg(in.GetEventId())+"/draw", in, out, "event_id")
}

// GetBudgetReport is a year's programme budget and its events.
func (k *Caller) GetBudgetReport(ctx context.Context, in *eventv1.GetBudgetReportRequest) (*eventv1.BudgetReport, error) {
	out := new(eventv1.BudgetReport)
	return out, k.get(ctx, "/v1/participation-event-budgets/"+itoa(int64(in.GetYear())), in, out, "year")
}

// SetProgrammeBudget sets a year's programme budget (admins).
func (k *Caller) SetProgrammeBudget(ctx context.Context, in *eventv1.SetProgrammeBudgetRequest) (*eventv1.SetProgrammeBudgetResponse, error) {
	out := new(eventv1.SetProgrammeBudgetResponse)
	return out, k.send(ctx, http.MethodPut, "/v1/participation-event-budgets/"+itoa(int64(in.GetYear())), in, out)
}
