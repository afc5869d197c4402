package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/server"
)

// TestA7_3_OpeningRefusedWithoutAnnouncement: a draft cannot open.
func TestA7_3_OpeningRefusedWithoutAnnouncement(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	e := h.create(t, draft())
	ctx := h.as(t, culture)
	_, err := h.api.OpenParticipationEvent(ctx, &eventv1.OpenParticipationEventRequest{EventId: e.GetId()})
	st := servicetest.RequireReason(t, err, codes.FailedPrecondition, "ANNOUNCE_BEFORE_OPEN")
	require.Contains(t, st.Message(), "공고한 뒤에")
	got, err := h.api.GetParticipationEvent(ctx, &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Equal(t, eventv1.Status_STATUS_DRAFT, got.GetStatus())
	require.Zero(t, h.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.event.participation.opened'`))
}

// TestA7_3_AnnouncementOnlyBeforeThePeriodStarts: from the first moment of
// the entry period the announcement is refused, and the refusal stores
// nothing: the event stays a draft with no announcement, no seed
// commitment and no published events.
func TestA7_3_AnnouncementOnlyBeforeThePeriodStarts(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	e := h.create(t, draft())
	h.clock.Set(periodStart)
	ctx := h.as(t, culture)
	_, err := h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	st := servicetest.RequireReason(t, err, codes.FailedPrecondition, "ANNOUNCE_BEFORE_PERIOD")
	require.Contains(t, st.Message(), "응모 기간이 시작되기 전")

	got, err := h.api.GetParticipationEvent(ctx, &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Equal(t, eventv1.Status_STATUS_DRAFT, got.GetStatus())
	require.Empty(t, got.GetAnnouncementHash())
	require.Empty(t, got.GetSeedCommitment())
	_, err = h.api.GetAnnouncement(context.Background(), &eventv1.GetAnnouncementRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.NotFound) // a draft is invisible to the public
	_, err = h.api.GetAnnouncement(ctx, &eventv1.GetAnnouncementRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // and has no announcement for its department
	require.Zero(t, h.count(t, `SELECT count(*) FROM participation_events
		WHERE announcement_document IS NOT NULL OR draw_seed IS NOT NULL OR announced_at IS NOT NULL`))
	require.Zero(t, h.count(t, `SELECT count(*) FROM outbox WHERE subject IN
		('seoul.event.participation.announced', 'seoul.event.draw.committed')`))
}

// TestA7_3_PlanFrozenAndHashPublic: after the announcement the prize plan
// and operating details cannot change (service and database both refuse),
// and anyone can check the published document against its SHA-256 hash.
func TestA7_3_PlanFrozenAndHashPublic(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	e := h.create(t, draft())
	ctx := h.as(t, culture)
	ann, err := h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	hash := ann.GetParticipationEvent().GetAnnouncementHash()
	require.Len(t, hash, 64)
	require.Len(t, ann.GetParticipationEvent().GetSeedCommitment(), 64)

	changed := draft()
	changed.Prizes[0].Count = 12
	_, err = h.api.UpdateParticipationEvent(ctx, &eventv1.UpdateParticipationEventRequest{EventId: e.GetId(), Draft: changed})
	st := servicetest.RequireReason(t, err, codes.FailedPrecondition, "PLAN_FROZEN")
	require.Contains(t, st.Message(), "경품 계획과 운영 사항을 바꿀 수 없습니다")
	_, err = h.env.Pool.Exec(context.Background(), `UPDATE participation_events SET budget = budget + 1 WHERE id = $1`, e.GetId())
	require.ErrorContains(t, err, "plan is frozen", "the database's trigger refuses changes to an announced plan")
	stored, err := h.api.GetParticipationEvent(ctx, &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.EqualValues(t, 1_000_000, stored.GetDraft().GetBudget(), "the budget is unchanged")
	require.EqualValues(t, 10, stored.GetDraft().GetPrizes()[0].GetCount(), "the plan is unchanged")
	require.Equal(t, 1_000_000, h.count(t, `SELECT budget::int FROM participation_events WHERE id = $1`, e.GetId()))

	pub, err := h.api.GetAnnouncement(context.Background(), &eventv1.GetAnnouncementRequest{EventId: e.GetId()})
	require.NoError(t, err)
	sum := sha256.Sum256([]byte(pub.GetDocument()))
	require.Equal(t, hash, hex.EncodeToString(sum[:]))
	var doc struct {
		Prizes []struct {
			ID        string `json:"id"`
			UnitValue int64  `json:"unit_value"`
			Count     int    `json:"count"`
		} `json:"prizes"`
		OperatingDetails struct {
			Contact string `json:"contact"`
		} `json:"operating_details"`
		SeedCommitment string `json:"seed_commitment"`
	}
	require.NoError(t, json.Unmarshal([]byte(pub.GetDocument()), &doc))
	require.Len(t, doc.Prizes, 2)
	require.Equal(t, 10, doc.Prizes[0].Count)
	require.NotEmpty(t, doc.OperatingDetails.Contact)
	require.Equal(t, ann.GetParticipationEvent().GetSeedCommitment(), doc.SeedCommitment)

	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.event.participation.announced'`))
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.event.draw.committed'`))
}

// TestA7_ScheduledCloserPublishesDigest: once the period ends, the
// participation event closes by itself and publishes its entry list digest.
func TestA7_ScheduledCloserPublishesDigest(t *testing.T) {
	t.Parallel()
	h := start(t, func(c *server.Config) { c.CloseInterval = 20 * time.Millisecond })
	e := h.announcedAndOpen(t)
	a, err := h.enter(h.as(t, citizenA), e.GetId(), "홍길동")
	require.NoError(t, err)
	b, err := h.enter(h.as(t, citizen(1)), e.GetId(), "김민준")
	require.NoError(t, err)
	h.clock.Set(periodStart.Add(15 * 24 * time.Hour))
	servicetest.Eventually(t, "the closer to close the participation event", func() bool {
		got, err := h.api.GetParticipationEvent(context.Background(), &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
		return err == nil && got.GetStatus() == eventv1.Status_STATUS_CLOSED
	})
	got, err := h.api.GetParticipationEvent(context.Background(), &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	want, err := drawproof.EntryListDigest([]string{b.GetId(), a.GetId()})
	require.NoError(t, err)
	require.EqualValues(t, 2, got.GetEntryCount())
	require.Equal(t, want, got.GetEntryListDigest(), "the digest is that of the entries made")

	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.event.participation.closed'`),
		"exactly one close event is published")
	var payload []byte
	require.NoError(t, h.env.Pool.QueryRow(context.Background(),
		`SELECT payload FROM outbox WHERE subject = 'seoul.event.participation.closed'`).Scan(&payload))
	var closed eventv1.ParticipationEventChanged
	require.NoError(t, proto.Unmarshal(payload, &closed))
	require.Equal(t, e.GetId(), closed.GetEventId())
	require.Equal(t, want, closed.GetEntryListDigest())
	require.EqualValues(t, 2, closed.GetEntryCount())
}

// TestA7_CloserSkipsEventsLockedElsewhere: the scheduled closer claims due
// participation events with FOR UPDATE SKIP LOCKED, so one held by another
// transaction (another replica closing it, an entry being made) does not
// hold up the others, and it is closed once free.
func TestA7_CloserSkipsEventsLockedElsewhere(t *testing.T) {
	t.Parallel()
	h := start(t, func(c *server.Config) { c.CloseInterval = 20 * time.Millisecond })
	d := draft()
	d.EntryEndTime = timestamppb.New(periodStart.Add(14*24*time.Hour - time.Hour)) // claimed first
	held := h.announcedAndOpenWith(t, d)
	h.clock.Set(periodStart.Add(-time.Hour)) // back before the period, to announce the second
	free := h.announcedAndOpen(t)
	ctx := context.Background()
	tx, err := h.env.Pool.Begin(ctx)
	require.NoError(t, err)
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, `SELECT 1 FROM participation_events WHERE id = $1 FOR UPDATE`, held.GetId())
	require.NoError(t, err)

	status := func(e *eventv1.ParticipationEvent) eventv1.Status {
		got, err := h.api.GetParticipationEvent(ctx, &eventv1.GetParticipationEventRequest{EventId: e.GetId()})
		require.NoError(t, err)
		return got.GetStatus()
	}
	h.clock.Set(periodStart.Add(15 * 24 * time.Hour))
	servicetest.Eventually(t, "the closer to close the free event", func() bool { return status(free) == eventv1.Status_STATUS_CLOSED })
	require.Equal(t, eventv1.Status_STATUS_OPEN, status(held), "the locked event was skipped, not waited for")
	require.NoError(t, tx.Rollback(ctx))
	servicetest.Eventually(t, "the closer to close the released event", func() bool { return status(held) == eventv1.Status_STATUS_CLOSED })
	require.Equal(t, 2, h.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.event.participation.closed'`))
}

// TestA7_1_ListPages: keyset pages, newest first; a forged token, or one
// replayed with other filters, is bad input; a page size above the maximum
// is served at the maximum.
func TestA7_1_ListPages(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	var ids []string
	for range 3 {
		ids = append(ids, h.create(t, draft()).GetId())
	}
	ctx := h.as(t, culture)
	p1, err := h.api.ListParticipationEvents(ctx, &eventv1.ListParticipationEventsRequest{PageSize: 2})
	require.NoError(t, err)
	require.Len(t, p1.GetParticipationEvents(), 2)
	require.Equal(t, ids[2], p1.GetParticipationEvents()[0].GetId())
	p2, err := h.api.ListParticipationEvents(ctx, &eventv1.ListParticipationEventsRequest{PageSize: 2, PageToken: p1.GetNextPageToken()})
	require.NoError(t, err)
	require.Len(t, p2.GetParticipationEvents(), 1)
	require.Equal(t, ids[0], p2.GetParticipationEvents()[0].GetId())
	require.Empty(t, p2.GetNextPageToken())
	_, err = h.api.ListParticipationEvents(ctx, &eventv1.ListParticipationEventsRequest{PageToken: "forged"})
	servicetest.RequireInvalidField(t, err, "page_token")
	_, err = h.api.ListParticipationEvents(ctx, &eventv1.ListParticipationEventsRequest{PageSize: -1})
	servicetest.RequireInvalidField(t, err, "page_size")
	capped, err := h.api.ListParticipationEvents(ctx, &eventv1.ListParticipationEventsRequest{PageSize: 1000})
	require.NoError(t, err, "a page size above the maximum is served at the maximum (AIP-158)")
	require.Len(t, capped.GetParticipationEvents(), 3)
	_, err = h.api.ListParticipationEvents(ctx, &eventv1.ListParticipationEventsRequest{PageSize: 2,
		PageToken: p1.GetNextPageToken(), Status: eventv1.Status_STATUS_DRAFT})
	servicetest.RequireInvalidField(t, err, "page_token") // a token is bound to its filters
}
