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
