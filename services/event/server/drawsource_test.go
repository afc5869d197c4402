package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/event/drawproof"
)

// TestA7_3_AnnouncementFixesAPublicRandomnessSource: a participation event
// cannot be announced without a public source of a value nobody knows at
// the close; the announced document names it and the draw algorithm.
func TestA7_3_AnnouncementFixesAPublicRandomnessSource(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	d := draft()
	d.DrawSources = nil
	e := h.create(t, d)
	ctx := h.as(t, culture)
	_, err := h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)

	d = draft()
	d.DrawSources[0].AvailableTime = timestamppb.New(d.GetEntryEndTime().AsTime().Add(-time.Second))
	_, err = h.api.CreateParticipationEvent(ctx, &eventv1.CreateParticipationEventRequest{Draft: d})
	servicetest.RequireInvalidField(t, err, "draft.draw_sources[0].available_time")

	e = h.create(t, draft())
	announced, err := h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Equal(t, drawproof.AlgorithmV2, announced.GetParticipationEvent().GetDrawAlgorithm())
	doc, err := h.api.GetAnnouncement(context.Background(), &eventv1.GetAnnouncementRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Contains(t, doc.GetDocument(), `"draw_algorithm":"seoul-event-draw/v2"`)
	require.Contains(t, doc.GetDocument(), `"draw_sources":[{"id":"lotto","kind":"lottery"`)
}

// TestA7_2_TwoOfficialsEnterTheSourceValueAfterTheClose: only the department's
// staff enter a source's value, only after the close, each once; the value
// shows only once two agree; every entry is announced for the audit and
// published with the draw; the draw waits for the confirmation.
func TestA7_2_TwoOfficialsEnterTheSourceValueAfterTheClose(t *testing.T) {
	t.Parallel()
	h := start(t)
	e := h.announcedAndOpen(t)
	_, err := h.enter(h.as(t, citizenA), e.GetId(), "김민준")
	require.NoError(t, err)
	enter := func(ctx context.Context, value string) (*eventv1.DrawSourceState, error) {
		r, err := h.api.EnterDrawSourceValue(ctx, &eventv1.EnterDrawSourceValueRequest{EventId: e.GetId(), SourceId: "lotto", Value: value})
		return r.GetDrawSource(), err
	}
	_, err = enter(h.as(t, culture), lotteryNumbers)
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // entries still open
	h.clock.Set(periodStart.Add(14*24*time.Hour + time.Minute))
	_, err = h.api.CloseParticipationEvent(h.as(t, culture), &eventv1.CloseParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)

	_, err = enter(h.as(t, transit), lotteryNumbers)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = enter(h.as(t, citizenA), lotteryNumbers)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = enter(h.as(t, culture), "three, twelve")
	servicetest.RequireInvalidField(t, err, "value")

	first, err := enter(h.as(t, culture), lotteryNumbers)
	require.NoError(t, err)
	require.False(t, first.GetConfirmed())
	require.Empty(t, first.GetValue(), "the first value stays unseen by the second official")
	_, err = enter(h.as(t, culture), "1 2 3 4 5 6 / 7")
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // one entry per official
	_, err = h.api.DrawWinners(h.as(t, culture), &eventv1.DrawWinnersRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // the draw waits for the second official

	second, err := enter(h.as(t, admin), "45 40 31 25 12 3/7")
	require.NoError(t, err)
	require.True(t, second.GetConfirmed())
	require.Equal(t, "3.12.25.31.40.45./7./", second.GetValue())
	require.EqualValues(t, 2, second.GetEntryCount())

	audit := servicetest.Events[eventv1.DrawSourceValueEntered](t, h.env.JS, "EVENT", "seoul.event.draw.source_entered", 2)
	require.False(t, audit[0].GetConfirmed())
	require.True(t, audit[1].GetConfirmed())
	require.Equal(t, "lotto", audit[1].GetSourceId())

	_, err = h.api.DrawWinners(h.as(t, culture), &eventv1.DrawWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	in, err := h.api.GetDrawInputs(context.Background(), &eventv1.GetDrawInputsRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Len(t, in.GetDrawSources(), 1)
	require.Len(t, in.GetDrawSources()[0].GetEntries(), 2)
	body, err := protojson.Marshal(in)
	require.NoError(t, err)
	require.NotContains(t, string(body), culture.Subject, "officials are pseudonymous in the published draw")
	require.NotContains(t, string(body), citizenA.Subject, "entrants are pseudonymous in the published draw")
	decoded, err := drawproof.DecodeInputs(body)
	require.NoError(t, err)
	require.True(t, drawproof.Verify(decoded).OK())
}

// TestA7_2_EntryIDsDerivedFromTheEntries: an entry's id is not chosen by the
// server: anyone recomputes it from the event, the entrant's pseudonym and
// the entry time published with the draw inputs.
func TestA7_2_EntryIDsDerivedFromTheEntries(t *testing.T) {
	t.Parallel()
	h := start(t)
	e := h.announcedAndOpen(t)
	en, err := h.enter(h.as(t, citizenA), e.GetId(), "김민준")
	require.NoError(t, err)
	h.clock.Set(periodStart.Add(14*24*time.Hour + time.Minute))
	_, err = h.api.CloseParticipationEvent(h.as(t, culture), &eventv1.CloseParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	in, err := h.api.GetDrawInputs(context.Background(), &eventv1.GetDrawInputsRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Len(t, in.GetEntries(), 1)
	pub := in.GetEntries()[0]
	require.Equal(t, en.GetId(), pub.GetId())
	require.Equal(t, en.GetId(), drawproof.EntryID(e.GetId(), pub.GetPseudonym(), pub.GetEnterTime().AsTime()))
	require.Equal(t, en.GetCreateTime().AsTime(), pub.GetEnterTime().AsTime())
	require.Empty(t, in.GetDrawSources(), "source values are published with the draw, not before")
}
