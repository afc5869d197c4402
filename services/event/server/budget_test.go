package server_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestA7_2_BudgetCapsHoldUnderConcurrentPlanChanges: many concurrent plan
// changes and creations of one budget year; each alone would fit, together
// they would not. The year's row lock serializes them, so the sum of the
// year's participation-event budgets never exceeds the programme budget.
func TestA7_2_BudgetCapsHoldUnderConcurrentPlanChanges(t *testing.T) {
	t.Parallel()
	h := start(t)
	const programme = 1_000_000
	h.setProgramme(t, 2026, programme)
	ids := make([]string, 8)
	for i := range ids {
		d := draft()
		d.Budget, d.Prizes = 0, nil
		ids[i] = h.create(t, d).GetId()
	}
	ctx := h.as(t, culture)
	var wg sync.WaitGroup
	var mu sync.Mutex
	codesSeen := map[codes.Code]int{}
	for i := range 48 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := draft()
			d.Budget = int64(150_000 + 10_000*(i%5))
			d.Prizes = d.Prizes[:1]
			d.Prizes[0].Count = 2
			var err error
			if i%6 == 5 {
				_, err = h.api.CreateParticipationEvent(ctx, &eventv1.CreateParticipationEventRequest{Draft: d})
			} else {
				_, err = h.api.UpdateParticipationEvent(ctx, &eventv1.UpdateParticipationEventRequest{EventId: ids[i%len(ids)], Draft: d})
			}
			mu.Lock()
			codesSeen[status.Code(err)]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("outcomes of concurrent plan changes: %v", codesSeen)
	require.Positive(t, codesSeen[codes.OK], "%v", codesSeen)
	require.Positive(t, codesSeen[codes.FailedPrecondition], "%v", codesSeen)
	require.Equal(t, 48, codesSeen[codes.OK]+codesSeen[codes.FailedPrecondition], "%v", codesSeen)

	var sum int64
	require.NoError(t, h.env.Pool.QueryRow(context.Background(),
		`SELECT coalesce(sum(budget), 0) FROM participation_events WHERE budget_year = 2026`).Scan(&sum))
	require.LessOrEqual(t, sum, int64(programme))
	rep, err := h.api.GetBudgetReport(ctx, &eventv1.GetBudgetReportRequest{Year: 2026})
	require.NoError(t, err)
	require.Equal(t, sum, rep.GetAllocated())
	require.EqualValues(t, programme, rep.GetProgrammeBudget())
}

// TestA7_2_ProgrammeBudgetRules: a year needs a programme budget, a single
// event's plan must fit its budget, and the programme budget cannot be cut
// below what the year's participation events hold.
func TestA7_2_ProgrammeBudgetRules(t *testing.T) {
	t.Parallel()
	h := start(t)
	ctx := h.as(t, culture)
	_, err := h.api.CreateParticipationEvent(ctx, &eventv1.CreateParticipationEventRequest{Draft: draft()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)

	h.setProgramme(t, 2026, 1_500_000)
	over := draft()
	over.Budget = 500_000
	_, err = h.api.CreateParticipationEvent(ctx, &eventv1.CreateParticipationEventRequest{Draft: over})
	servicetest.RequireInvalidField(t, err, "draft.prizes")

	kept := h.create(t, draft())
	_, err = h.api.CreateParticipationEvent(ctx, &eventv1.CreateParticipationEventRequest{Draft: draft()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM participation_events`), "the refused creates stored nothing")
	list, err := h.api.ListParticipationEvents(ctx, &eventv1.ListParticipationEventsRequest{})
	require.NoError(t, err)
	require.Len(t, list.GetParticipationEvents(), 1)
	require.Equal(t, kept.GetId(), list.GetParticipationEvents()[0].GetId())

	_, err = h.api.SetProgrammeBudget(h.as(t, admin), &eventv1.SetProgrammeBudgetRequest{Year: 2026, Amount: 999_999})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
	rep, err := h.api.GetBudgetReport(ctx, &eventv1.GetBudgetReportRequest{Year: 2026})
	require.NoError(t, err)
	require.EqualValues(t, 1_500_000, rep.GetProgrammeBudget(), "the refused cut left the programme budget")
	require.EqualValues(t, 1_000_000, rep.GetAllocated())
	_, err = h.api.SetProgrammeBudget(ctx, &eventv1.SetProgrammeBudgetRequest{Year: 2026, Amount: 5_000_000})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	rep, err = h.api.GetBudgetReport(ctx, &eventv1.GetBudgetReportRequest{Year: 2026})
	require.NoError(t, err)
	require.EqualValues(t, 1_500_000, rep.GetProgrammeBudget(), "an official cannot set it")
	r, err := h.api.SetProgrammeBudget(h.as(t, admin), &eventv1.SetProgrammeBudgetRequest{Year: 2026, Amount: 1_000_000})
	require.NoError(t, err)
	require.EqualValues(t, 1_000_000, r.GetProgrammeBudget().GetAllocated())
	_, err = h.api.SetProgrammeBudget(h.as(t, admin), &eventv1.SetProgrammeBudgetRequest{Year: 1999, Amount: -5})
	servicetest.RequireInvalidField(t, err, "year")
	servicetest.RequireInvalidField(t, err, "amount")
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM budget_years`), "the bad year stored nothing")
}

// TestA7_1_BadInputStoresNothing: invalid drafts are refused naming every
// bad field, and nothing is stored.
func TestA7_1_BadInputStoresNothing(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	d := draft()
	d.Purpose = eventv1.Purpose_PURPOSE_UNSPECIFIED
	d.Title.Ko = ""
	d.Prizes[1].Count = 0
	d.EntryEndTime = d.EntryStartTime
	_, err := h.api.CreateParticipationEvent(h.as(t, culture), &eventv1.CreateParticipationEventRequest{Draft: d})
	for _, f := range []string{"draft.purpose", "draft.title.ko", "draft.prizes[1].count", "draft.entry_end_time"} {
		servicetest.RequireInvalidField(t, err, f)
	}
	require.Zero(t, h.count(t, `SELECT count(*) FROM participation_events`))
	require.Zero(t, h.count(t, `SELECT count(*) FROM outbox`))
	_, err = h.api.GetParticipationEvent(h.as(t, culture), &eventv1.GetParticipationEventRequest{EventId: "nope"})
	servicetest.RequireInvalidField(t, err, "event_id")
}

// TestA7_1_AuthorizationAndVisibility: only the department's officials and
// admins create and manage; drafts are invisible to others.
func TestA7_1_AuthorizationAndVisibility(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	_, err := h.api.CreateParticipationEvent(h.as(t, transit), &eventv1.CreateParticipationEventRequest{Draft: draft()})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = h.api.CreateParticipationEvent(h.as(t, citizenA), &eventv1.CreateParticipationEventRequest{Draft: draft()})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = h.api.CreateParticipationEvent(context.Background(), &eventv1.CreateParticipationEventRequest{Draft: draft()})
	servicetest.RequireCode(t, err, codes.Unauthenticated)

	e := h.create(t, draft())
	_, err = h.api.GetParticipationEvent(h.as(t, citizenA), &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.NotFound)
	_, err = h.api.AnnounceParticipationEvent(h.as(t, transit), &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.NotFound)
	list, err := h.api.ListParticipationEvents(context.Background(), &eventv1.ListParticipationEventsRequest{})
	require.NoError(t, err)
	require.Empty(t, list.GetParticipationEvents())
	list, err = h.api.ListParticipationEvents(h.as(t, culture), &eventv1.ListParticipationEventsRequest{})
	require.NoError(t, err)
	require.Len(t, list.GetParticipationEvents(), 1)
	_, err = h.api.AnnounceParticipationEvent(h.as(t, admin), &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	list, err = h.api.ListParticipationEvents(context.Background(), &eventv1.ListParticipationEventsRequest{
		Purpose: eventv1.Purpose_PURPOSE_CULTURAL_EVENT})
	require.NoError(t, err)
	require.Len(t, list.GetParticipationEvents(), 1)
	_, err = h.api.GetBudgetReport(context.Background(), &eventv1.GetBudgetReportRequest{Year: 2026})
	servicetest.RequireCode(t, err, codes.Unauthenticated)
}

// TestA7_1_CreateIsIdempotentByRequestID: a retried create returns the first.
func TestA7_1_CreateIsIdempotentByRequestID(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	ctx := h.as(t, culture)
	req := &eventv1.CreateParticipationEventRequest{RequestId: "req-1", Draft: draft()}
	a, err := h.api.CreateParticipationEvent(ctx, req)
	require.NoError(t, err)
	b, err := h.api.CreateParticipationEvent(ctx, req)
	require.NoError(t, err)
	require.Equal(t, a.GetId(), b.GetId())
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM participation_events`))
}
