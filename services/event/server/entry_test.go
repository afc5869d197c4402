package server_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestA7_EntryOncePerCitizen: concurrent and repeated entries of one
// citizen give one entry, one EntryCreated event; the contact is stored
// only by the privacy service (tokens here).
func TestA7_EntryOncePerCitizen(t *testing.T) {
	t.Parallel()
	h := start(t)
	e := h.announcedAndOpen(t)
	ctx := h.as(t, citizenA)
	ids := make([]string, 6)
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			en, err := h.enter(ctx, e.GetId(), "홍길동")
			ids[i], errs[i] = en.GetId(), err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "entry attempt %d", i)
	}
	require.NotEmpty(t, ids[0])
	for _, id := range ids {
		require.Equal(t, ids[0], id)
	}
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM entries`))
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.event.entry.created'`))
	require.Zero(t, h.count(t, `SELECT count(*) FROM entries WHERE answers::text LIKE '%홍길동%'
		OR name_token LIKE '%홍길동%' OR phone_token LIKE '%5678%'`))

	mine, err := h.api.GetMyEntry(ctx, &eventv1.GetMyEntryRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Equal(t, ids[0], mine.GetId())
	_, err = h.api.GetMyEntry(h.as(t, citizen(2)), &eventv1.GetMyEntryRequest{EventId: e.GetId()})
	servicetest.RequireCode(t, err, codes.NotFound)
}

// TestA7_EntryRules: entries need the period, eligibility and valid
// answers; refused entries store nothing.
func TestA7_EntryRules(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	e := h.create(t, draft())
	_, err := h.enter(h.as(t, citizenA), e.GetId(), "홍길동")
	servicetest.RequireCode(t, err, codes.NotFound) // drafts are invisible to citizens
	ctx := h.as(t, culture)
	_, err = h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	_, err = h.enter(h.as(t, citizenA), e.GetId(), "홍길동")
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // announced, not open
	_, err = h.api.OpenParticipationEvent(ctx, &eventv1.OpenParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	_, err = h.enter(h.as(t, citizenA), e.GetId(), "홍길동")
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // period not started
	h.clock.Set(periodStart.Add(time.Hour))

	unverified := identity.Claims{Subject: "citizen-x", Roles: []identity.Role{identity.RoleCitizen}}
	_, err = h.enter(h.as(t, unverified), e.GetId(), "홍길동")
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = h.enter(h.as(t, culture), e.GetId(), "홍길동")
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = h.enter(context.Background(), e.GetId(), "홍길동")
	servicetest.RequireCode(t, err, codes.Unauthenticated)

	_, err = h.api.CreateEntry(h.as(t, citizenA), &eventv1.CreateEntryRequest{EventId: e.GetId(),
		Answers: []*eventv1.Answer{{QuestionId: "q1", Value: "남산"}}, Contact: &eventv1.Contact{}})
	servicetest.RequireInvalidField(t, err, "answers[0].value")
	servicetest.RequireInvalidField(t, err, "contact.name")
	servicetest.RequireInvalidField(t, err, "contact.phone")
	require.Zero(t, h.count(t, `SELECT count(*) FROM entries`))

	_, err = h.enter(h.as(t, citizenA), e.GetId(), "홍길동")
	require.NoError(t, err)
	h.clock.Set(periodStart.Add(14 * 24 * time.Hour))
	_, err = h.enter(h.as(t, citizen(2)), e.GetId(), "김철수")
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // period over
	again, err := h.enter(h.as(t, citizenA), e.GetId(), "홍길동")
	require.NoError(t, err, "repeating an accepted entry stays idempotent")
	require.NotEmpty(t, again.GetId())
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM entries`))
}
