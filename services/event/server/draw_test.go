package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/event/drawproof"
)

var familyNames = []string{"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"}

// drawn runs a participation event with n entrants to its draw.
func (h *harness) drawn(t *testing.T, n int) (*eventv1.ParticipationEvent, *eventv1.DrawInputs) {
	t.Helper()
	e := h.announcedAndOpen(t)
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		ctx := h.as(t, citizen(i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = h.enter(ctx, e.GetId(), familyNames[i%len(familyNames)]+"민준")
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "entry of citizen %d", i)
	}
	ctx := h.as(t, culture)
	_, err := h.api.CloseParticipationEvent(ctx, &eventv1.CloseParticipationEventRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // the period still runs
	h.clock.Set(periodStart.Add(14*24*time.Hour + time.Minute))
	_, err = h.api.DrawWinners(ctx, &eventv1.DrawWinnersRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // not closed
	closed, err := h.api.CloseParticipationEvent(ctx, &eventv1.CloseParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.EqualValues(t, n, closed.GetParticipationEvent().GetEntryCount())

	before, err := h.api.GetDrawInputs(context.Background(), &eventv1.GetDrawInputsRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Empty(t, before.GetSeed(), "the seed stays secret until the draw")
	require.Len(t, before.GetEntryIds(), n)

	h.clock.Set(periodStart.Add(15 * 24 * time.Hour))
	_, err = h.api.DrawWinners(ctx, &eventv1.DrawWinnersRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // the public source's value is not entered yet
	h.confirmSources(t, e.GetId())
	_, err = h.api.DrawWinners(ctx, &eventv1.DrawWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	_, err = h.api.DrawWinners(ctx, &eventv1.DrawWinnersRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // drawn once
	in, err := h.api.GetDrawInputs(context.Background(), &eventv1.GetDrawInputsRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Equal(t, before.GetEntryListDigest(), in.GetEntryListDigest())
	return e, in
}

// TestA7_DrawRecomputedIndependently: the winners follow from the public
// inputs alone. The inputs are served as the REST edge serves them
// (protojson, lowerCamelCase) and as proto-named JSON, decoded by the
// verifier's own code and recomputed with the documented procedure.
func TestA7_DrawRecomputedIndependently(t *testing.T) {
	t.Parallel()
	h := start(t)
	_, published := h.drawn(t, 30)
	require.Len(t, published.GetWinners(), 20)
	require.Len(t, published.GetSeed(), 64)
	require.Equal(t, drawproof.AlgorithmV2, published.GetAlgorithm())
	require.Len(t, published.GetEntries(), 30, "what every entry id is derived from")

	for _, opts := range []protojson.MarshalOptions{{}, {UseProtoNames: true}, {EmitUnpopulated: true}} {
		body, err := opts.Marshal(published)
		require.NoError(t, err)
		edge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write(body) }))
		in := fetchInputs(t, edge.URL)
		edge.Close()
		report := drawproof.Verify(in)
		require.True(t, report.OK(), "%+v", report.Checks)
		require.Len(t, report.Recomputed, 20)
	}

	tampered := proto.Clone(published).(*eventv1.DrawInputs)
	tampered.Winners[0].EntryId, tampered.Winners[1].EntryId = tampered.Winners[1].EntryId, tampered.Winners[0].EntryId
	body, err := protojson.Marshal(tampered)
	require.NoError(t, err)
	in, err := drawproof.DecodeInputs(body)
	require.NoError(t, err)
	require.False(t, drawproof.Verify(in).OK())
}

func fetchInputs(t *testing.T, url string) drawproof.Inputs {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	in, err := drawproof.DecodeInputs(body)
	require.NoError(t, err)
	return in
}

// TestA7_2_WinnersMaskedPrizesDeliveredAndReported: winners are published
// with masked names from the privacy service; mileage prizes leave as
// PrizeAwarded events with points; other prizes are recorded delivered;
// the budget report follows per event and year.
func TestA7_2_WinnersMaskedPrizesDeliveredAndReported(t *testing.T) {
	t.Parallel()
	h := start(t)
	e, _ := h.drawn(t, 30)
	public, err := h.api.ListWinners(context.Background(), &eventv1.ListWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Len(t, public.GetWinners(), 20)
	for _, w := range public.GetWinners() {
		require.Contains(t, w.GetMaskedName(), "*")
		require.NotContains(t, w.GetMaskedName(), "민준")
		require.Empty(t, w.GetContactTokens())
	}
	staff, err := h.api.ListWinners(h.as(t, culture), &eventv1.ListWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Len(t, staff.GetWinners()[0].GetContactTokens(), 2)

	gift := staff.GetWinners()[0]
	require.Equal(t, "gift", gift.GetPrizeId())
	require.False(t, gift.GetDelivered())
	_, err = h.api.RecordPrizeDelivery(h.as(t, transit), &eventv1.RecordPrizeDeliveryRequest{EventId: e.GetId(), WinnerId: gift.GetId()})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	for range 2 {
		d, err := h.api.RecordPrizeDelivery(h.as(t, culture), &eventv1.RecordPrizeDeliveryRequest{
			EventId: e.GetId(), WinnerId: gift.GetId(), Note: "모바일 상품권 발송"})
		require.NoError(t, err)
		require.True(t, d.GetWinner().GetDelivered())
	}
	rep, err := h.api.GetBudgetReport(h.as(t, culture), &eventv1.GetBudgetReportRequest{Year: 2026})
	require.NoError(t, err)
	line := rep.GetEvents()[0]
	require.EqualValues(t, 550_000, line.GetPlanned())
	require.EqualValues(t, 10*50_000+10*5_000, line.GetAwarded())
	require.EqualValues(t, 50_000+10*5_000, line.GetDelivered())
	require.EqualValues(t, 1_000_000, rep.GetAllocated())

	awards := h.prizeAwards(t, 20)
	var points int64
	for _, a := range awards {
		require.Equal(t, e.GetId(), a.GetEventId())
		require.NotEmpty(t, a.GetSubjectId())
		if a.GetPrizeKind() == "mileage" {
			require.EqualValues(t, 5_000, a.GetPoints())
		} else {
			require.Zero(t, a.GetPoints())
		}
		points += a.GetPoints()
	}
	require.EqualValues(t, 50_000, points)
}

// prizeAwards reads n PrizeAwarded events from the EVENT stream, as the
// mileage service's consumer would.
func (h *harness) prizeAwards(t *testing.T, n int) []*eventv1.PrizeAwarded {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var cons jetstream.Consumer
	servicetest.Eventually(t, "the EVENT stream", func() bool {
		s, err := h.env.JS.Stream(ctx, "EVENT")
		if err == nil {
			cons, err = s.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{FilterSubjects: []string{"seoul.event.prize.awarded"}})
		}
		return err == nil
	})
	var out []*eventv1.PrizeAwarded
	for len(out) < n && ctx.Err() == nil {
		batch, err := cons.Fetch(n-len(out), jetstream.FetchMaxWait(time.Second))
		require.NoError(t, err)
		for m := range batch.Messages() {
			var a eventv1.PrizeAwarded
			require.NoError(t, proto.Unmarshal(m.Data(), &a))
			out = append(out, &a)
		}
	}
	require.Len(t, out, n)
	return out
}
