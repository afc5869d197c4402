package server_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/mileage/server"
)

const day = 24 * time.Hour

// A8.2: redemption spends the lot expiring first; expired remainders go
// to breakage; expiries are announced in advance.
func TestA8_2_FIFOAndExpiryToBreakage(t *testing.T) {
	t.Parallel()
	s := start(t)
	_, err := s.api.SetValidity(s.admin(t), &mileagev1.SetValidityRequest{ValidityDays: 30, ExpiryNoticeDays: 7,
		Reason: "budget 2026: 30-day validity"})
	require.NoError(t, err)
	s.clock.Advance(time.Minute)
	older := s.grant(t, "cit-x1", 600, "grant-fifo-0001") // expires day 30
	s.clock.Advance(10 * day)
	newer := s.grant(t, "cit-x1", 1000, "grant-fifo-0002") // expires day 40
	s.clock.Advance(day)

	_, err = s.api.Redeem(s.citizen(t, "cit-x1"), transit("fifo-key-0001", 1000))
	require.NoError(t, err)
	lots := s.account(t, "cit-x1").GetLots()
	require.Len(t, lots, 1, "the older lot was spent first")
	require.Equal(t, newer.GetLotId(), lots[0].GetLotId())
	require.EqualValues(t, 600, lots[0].GetRemaining())
	require.NotEqual(t, older.GetLotId(), lots[0].GetLotId())

	s.clock.Advance(25 * day) // day 36: the newer lot expires within 7 days
	servicetest.Eventually(t, "expiry announced", func() bool {
		return s.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.mileage.points.expiring'`) == 1
	})
	require.EqualValues(t, 600, s.account(t, "cit-x1").GetExpiringSoon())

	s.clock.Advance(5 * day) // day 41: expired
	s.waitBalance(t, "cit-x1", 0)
	require.Contains(t, historyKinds(t, s, "cit-x1"), "expired")
	year := int32(s.clock.Now().Year())
	rep, err := s.api.GetLiabilityReport(s.admin(t), &mileagev1.GetLiabilityReportRequest{BudgetYear: year})
	require.NoError(t, err)
	if lots[0].GetBudgetYear() == year { // not across a new year
		require.EqualValues(t, 600, rep.GetExpired())
		require.True(t, rep.GetBalanced())
	}
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.mileage.points.expired'`))
}

// A8.2: points earned from events expire by the validity in force when
// they were earned, and an expired lot cannot be spent even before the job
// runs.
func TestA8_2_ExpiredLotsCannotBeSpent(t *testing.T) {
	t.Parallel()
	s := start(t, func(c *server.Config) { c.JobInterval = time.Hour })
	_, err := s.api.SetValidity(s.admin(t), &mileagev1.SetValidityRequest{ValidityDays: 1, ExpiryNoticeDays: 0, Reason: "short"})
	require.NoError(t, err)
	s.clock.Advance(time.Minute)
	s.grant(t, "cit-x2", 1000, "grant-exp-0001")
	s.clock.Advance(2 * day)
	_, err = s.api.Redeem(s.citizen(t, "cit-x2"), transit("exp-key-0001", 1000))
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
}
