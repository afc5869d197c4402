package server_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/mileage/server"
)

const day = 24 * time.Hour

// A8.2: redemption spends the lot expiring first; expired remainders go
// to breakage of the lot's budget year; expiries are announced in advance.
// The scenario runs from a fixed date (1 March 2026, Seoul) so all of it
// falls in budget year 2026 whatever day the test runs.
func TestA8_2_FIFOAndExpiryToBreakage(t *testing.T) {
	t.Parallel()
	s := startAt(t, time.Date(2026, 3, 1, 9, 0, 0, 0, kst))
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
	require.EqualValues(t, 2026, lots[0].GetBudgetYear())

	s.clock.Advance(25 * day) // day 36: the newer lot expires within 7 days
	servicetest.Eventually(t, "expiry announced", func() bool {
		return s.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.mileage.points.expiring'`) == 1
	})
	require.EqualValues(t, 600, s.account(t, "cit-x1").GetExpiringSoon())

	s.clock.Advance(5 * day) // day 41 (10 April 2026): expired
	s.waitBalance(t, "cit-x1", 0)
	require.Contains(t, historyKinds(t, s, "cit-x1"), "expired")
	rep, err := s.api.GetLiabilityReport(s.admin(t), &mileagev1.GetLiabilityReportRequest{BudgetYear: 2026})
	require.NoError(t, err)
	require.EqualValues(t, 1600, rep.GetIssued())
	require.EqualValues(t, 1000, rep.GetRedeemed())
	require.EqualValues(t, 1000, rep.GetRedeemedByChannel()["transit"])
	require.EqualValues(t, 600, rep.GetExpired(), "the remainder went to 2026's breakage")
	require.Zero(t, rep.GetOutstanding())
	require.Zero(t, rep.GetHeld())
	require.Zero(t, rep.GetClawedBack())
	require.True(t, rep.GetBalanced())
	require.Equal(t, 600, s.count(t, `SELECT coalesce(sum(e.amount), 0)::int FROM ledger_entries e
		JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.kind = 'expiry' AND e.account = 'breakage:2026'`))
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.mileage.points.expired'`))
}

// A8.2: points earned from events expire by the validity in force when
// they were earned — even when the validity was raised before the event
// arrived — and an expired lot cannot be spent even before the expiry job
// runs.
func TestA8_2_ExpiredLotsCannotBeSpent(t *testing.T) {
	t.Parallel()
	s := startAt(t, time.Date(2026, 3, 1, 9, 0, 0, 0, kst), func(c *server.Config) { c.JobInterval = time.Hour })
	_, err := s.api.SetValidity(s.admin(t), &mileagev1.SetValidityRequest{ValidityDays: 1, ExpiryNoticeDays: 0, Reason: "short"})
	require.NoError(t, err)
	earned := time.Date(2026, 3, 1, 9, 1, 0, 0, kst) // under the 1-day validity
	s.clock.Advance(2 * time.Minute)
	_, err = s.api.SetValidity(s.admin(t), &mileagev1.SetValidityRequest{ValidityDays: 365, ExpiryNoticeDays: 0, Reason: "raised"})
	require.NoError(t, err)
	s.clock.Advance(time.Minute)
	servicetest.PublishEvent(t, s.JS, "event", "seoul.event.prize.awarded", "e-exp-prize-1",
		&eventv1.PrizeAwarded{EventId: "ev-exp", PrizeId: "pr-exp", SubjectId: "cit-x2", PrizeKind: "mileage", Points: 1000,
			OccurTime: timestamppb.New(earned)})
	s.waitBalance(t, "cit-x2", 1000)
	lots := s.account(t, "cit-x2").GetLots()
	require.Len(t, lots, 1)
	require.True(t, earned.Equal(lots[0].GetEarnTime().AsTime()), "earned at %v", lots[0].GetEarnTime().AsTime())
	require.Equal(t, earned.Add(day), lots[0].GetExpireTime().AsTime().In(kst), "1-day validity in force when earned")

	s.clock.Advance(2 * day)
	_, err = s.api.Redeem(s.citizen(t, "cit-x2"), transit("exp-key-0001", 1000))
	st := servicetest.RequireReason(t, err, codes.FailedPrecondition, "INSUFFICIENT_POINTS")
	require.Equal(t, "마일리지가 부족합니다: 쓸 수 있는 0점, 신청 1000점.", st.Message(), "the expired lot counts for nothing")
	require.Equal(t, "0", servicetest.ErrorInfo(t, st).GetMetadata()["available"])
	// Refused before anything happened, and the expiry job has not run.
	require.Zero(t, s.count(t, `SELECT count(*) FROM redemptions`))
	require.Zero(t, s.count(t, `SELECT count(*) FROM ledger_transactions WHERE kind IN ('hold', 'expiry')`))
	require.Equal(t, 1000, s.count(t, `SELECT coalesce(sum(remaining), 0)::int FROM lots WHERE subject_id = 'cit-x2'`))
}
