package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// A8.1, A8.2: an event earns under the point table in force when the
// citizen acted: caps stop it, a lot expires under the validity period,
// a redelivered event earns nothing twice, an anonymous one nothing.
func TestA8_1_EarnFollowsThePointTable(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	first := f.earn(t, citizen.Subject, "p1")
	require.Equal(t, domain.AwardCredited, first.Status)
	require.EqualValues(t, 10, first.Points)
	lot := f.db.lots[first.ID]
	require.True(t, start.AddDate(0, 0, 365).Equal(lot.ExpiresAt), "expires under the validity in force: %v", lot.ExpiresAt)
	require.Equal(t, first.ID, f.earn(t, citizen.Subject, "p1").ID)
	require.EqualValues(t, 10, f.balance(citizen.Subject), "a redelivered event earns nothing twice")

	require.Equal(t, domain.AwardCredited, f.earn(t, citizen.Subject, "p2").Status)
	require.Equal(t, domain.AwardCapped, f.earn(t, citizen.Subject, "p3").Status, "daily cap of 2")
	f.clock.Advance(24 * time.Hour)
	require.Equal(t, domain.AwardCredited, f.earn(t, citizen.Subject, "p4").Status, "a new day")
	require.EqualValues(t, 30, f.balance(citizen.Subject))

	aw, err := f.app.Earn(context.Background(), domain.Earning{Action: domain.ActionFeedbackGiven, Subject: citizen.Subject,
		SourceEventID: "ev-f1", SourceKind: "feedback", SourceRef: "f1"})
	require.NoError(t, err)
	require.Equal(t, domain.AwardNoRule, aw.Status, "no rule, no points")

	aw, err = f.app.Earn(context.Background(), domain.Earning{Action: domain.ActionPostCreated, SourceEventID: "ev-x", SourceRef: "x"})
	require.NoError(t, err)
	require.Empty(t, aw.ID, "anonymous: nothing decided")
	require.Equal(t, []string{"awarded", "awarded", "awarded"}, f.eventTypes())
}

// A8.1: an event without its source is poison (bad input), never a guess.
func TestA8_1_EarnRefusesAnEventWithoutSource(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.app.Earn(context.Background(), domain.Earning{Action: domain.ActionPostCreated, Subject: citizen.Subject})
	require.ElementsMatch(t, []string{"source"}, errstest.Fields(t, err))
	require.Empty(t, f.db.awards)
}

// A8.1 (issue 17): a batch of earnings is decided as if each had been
// committed before the next: the daily cap counts the batch's own credits,
// a second event about the same post earns nothing, a debt offset by one
// award is not offset again by the next, an anonymous earning is skipped.
func TestA8_1_EarnAllDecidesABatchInOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := "citizen-2"
	f.db.debt[other] = 15
	post := func(subject, ref, event string) domain.Earning {
		return domain.Earning{Action: domain.ActionPostCreated, Subject: subject, SourceEventID: event,
			SourceKind: "post", SourceRef: ref, OccurredAt: f.clock.Now()}
	}
	bad, err := f.app.EarnAll(context.Background(), []domain.Earning{
		post(citizen.Subject, "p1", "e1"), post(citizen.Subject, "p2", "e2"), post(citizen.Subject, "p3", "e3"),
		post(citizen.Subject, "p1", "e1-again"), post("", "p4", "e4"),
		post(other, "q1", "e5"), post(other, "q2", "e6"),
	})
	require.NoError(t, err)
	require.Equal(t, -1, bad)
	status := func(subject, event string) domain.AwardStatus {
		return f.db.awards[domain.AwardID(domain.ActionPostCreated, event, subject)].Status
	}
	require.Equal(t, domain.AwardCredited, status(citizen.Subject, "e2"))
	require.Equal(t, domain.AwardCapped, status(citizen.Subject, "e3"), "daily cap of 2, counting the batch's own credits")
	require.NotContains(t, f.db.awards, domain.AwardID(domain.ActionPostCreated, "e1-again", citizen.Subject),
		"the same post again earns nothing")
	require.EqualValues(t, 20, f.balance(citizen.Subject))
	require.EqualValues(t, 5, f.balance(other), "a debt of 15: 10 offset by the first award, 5 by the second")
	require.Zero(t, f.db.debt[other])
	require.Len(t, f.db.events, 4, "one event per credited award")
}

// A8.1: a batch with an earning without its source names that earning
// and writes nothing.
func TestA8_1_EarnAllNamesTheBadEarning(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	bad, err := f.app.EarnAll(context.Background(), []domain.Earning{
		{Action: domain.ActionPostCreated, Subject: citizen.Subject, SourceEventID: "e1", SourceKind: "post", SourceRef: "p1"},
		{Action: domain.ActionPostCreated, Subject: citizen.Subject},
	})
	require.Equal(t, 1, bad)
	require.ElementsMatch(t, []string{"source"}, errstest.Fields(t, err))
	require.Empty(t, f.db.awards)
}
