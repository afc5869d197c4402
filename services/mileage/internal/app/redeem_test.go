package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

func redeemReq(key string, points int64) domain.RedeemRequest {
	return domain.RedeemRequest{IdempotencyKey: key, ItemID: "transit-1000", Points: points, CardNumber: "1234-5678-9012-3456"}
}

// A8.1.1–A8.1.3, A8.2: points are spent oldest expiry first, held, then
// posted when the partner confirms; the card number is only a token here.
func TestA8_1_RedeemSpendsOldestExpiryFirst(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	late := f.earn(t, citizen.Subject, "p1")
	f.db.validity = append(f.db.validity, domain.Validity{Version: 2, Days: 30, EffectiveFrom: start.Add(time.Minute)})
	f.clock.Advance(2 * time.Minute)
	soon := f.earn(t, citizen.Subject, "p2")
	require.True(t, f.db.lots[soon.ID].ExpiresAt.Before(f.db.lots[late.ID].ExpiresAt))

	r, err := f.app.Redeem(as(citizen), redeemReq("key-00000001", 10))
	require.NoError(t, err)
	require.Equal(t, domain.RedemptionConfirmed, r.Status)
	require.Equal(t, []domain.Allocation{{LotID: soon.ID, BudgetYear: 2026, Points: 10}}, f.db.allocs[r.ID])
	require.Zero(t, f.db.lots[soon.ID].Remaining)
	require.EqualValues(t, 10, f.db.lots[late.ID].Remaining)
	require.Equal(t, "tok-citizen-1-transit_card_number", f.db.redemptions[r.ID].AccountToken)
	require.Equal(t, []string{"awarded", "awarded", "held", "settled", "redeemed"}, f.eventTypes())
}

// A8.1: who may redeem, and what a refusal leaves behind: nothing, and no
// card number collected for a redemption that cannot succeed.
func TestA8_1_RedeemRefusals(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		req    domain.RedeemRequest
		as     context.Context
		want   errs.Kind
		reason string
	}{
		{"an official", redeemReq("key-00000001", 10), as(official), errs.KindPermissionDenied, ""},
		{"more than spendable", redeemReq("key-00000001", 100), as(citizen), errs.KindFailedPrecondition, "INSUFFICIENT_POINTS"},
		{"off the step", redeemReq("key-00000001", 15), as(citizen), errs.KindInvalid, ""},
		{"unknown item", domain.RedeemRequest{IdempotencyKey: "key-00000001", ItemID: "nope-1", Points: 10}, as(citizen), errs.KindInvalid, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.earn(t, citizen.Subject, "p1")
			_, err := f.app.Redeem(c.as, c.req)
			errstest.RequireOutcome(t, c.want, c.reason, err)
			require.Empty(t, f.db.redemptions)
			require.Zero(t, f.privacy.stored, "no card number collected")
			require.EqualValues(t, 10, f.balance(citizen.Subject))
		})
	}
}

// A8.1: a retry returns the first redemption; the same key with another
// request is refused.
func TestA8_1_RedeemIsIdempotent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.earn(t, citizen.Subject, "p1")
	f.earn(t, citizen.Subject, "p2")
	first, err := f.app.Redeem(as(citizen), redeemReq("key-00000001", 10))
	require.NoError(t, err)
	again, err := f.app.Redeem(as(citizen), redeemReq("key-00000001", 10))
	require.NoError(t, err)
	require.Equal(t, first.ID, again.ID)
	require.EqualValues(t, 10, f.balance(citizen.Subject), "spent once")
	_, err = f.app.Redeem(as(citizen), redeemReq("key-00000001", 20))
	require.ElementsMatch(t, []string{"idempotency_key"}, errstest.Fields(t, err))
}

// A8.1.1: a declined redemption voids the hold and the points return to
// their lots; an unreachable partner leaves the hold for the timeout job,
// which cancels at the partner before voiding.
func TestA8_1_RedeemVoidsOrLeavesTheHold(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	aw := f.earn(t, citizen.Subject, "p1")
	f.partner.status = app.PartnerDeclined
	r, err := f.app.Redeem(as(citizen), redeemReq("key-00000001", 10))
	require.NoError(t, err)
	require.Equal(t, domain.RedemptionVoided, r.Status)
	require.EqualValues(t, 10, f.balance(citizen.Subject))
	require.EqualValues(t, 10, f.db.lots[aw.ID].Remaining)

	f.partner.down = true
	r, err = f.app.Redeem(as(citizen), redeemReq("key-00000002", 10))
	require.NoError(t, err)
	require.Equal(t, domain.RedemptionHeld, r.Status)
	require.Zero(t, f.balance(citizen.Subject))

	n, err := f.app.VoidExpiredHolds(context.Background())
	require.NoError(t, err)
	require.Zero(t, n, "not expired yet")
	f.clock.Advance(3 * time.Minute)
	n, err = f.app.VoidExpiredHolds(context.Background())
	require.Error(t, err, "partner still down: the hold waits")
	require.Zero(t, n)
	f.partner.down = false
	n, err = f.app.VoidExpiredHolds(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, domain.RedemptionVoided, f.db.redemptions[r.ID].Status)
	require.EqualValues(t, 10, f.balance(citizen.Subject))
}

// A8.1: points a voided redemption returns to a clawed-back lot pay the
// citizen's debt first.
func TestA8_1_VoidAfterClawbackPaysTheDebt(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	aw := f.earn(t, citizen.Subject, "p1")
	f.partner.down = true
	r, err := f.app.Redeem(as(citizen), redeemReq("key-00000001", 10))
	require.NoError(t, err)
	require.NoError(t, f.app.ClawbackSource(context.Background(), "post", "p1", "A5.2"))
	require.EqualValues(t, 10, f.db.debt[citizen.Subject], "the held points became debt")
	f.partner.down = false
	f.clock.Advance(3 * time.Minute)
	_, err = f.app.VoidExpiredHolds(context.Background())
	require.NoError(t, err)
	require.Equal(t, domain.RedemptionVoided, f.db.redemptions[r.ID].Status)
	require.Zero(t, f.db.debt[citizen.Subject], "paid by the returning points")
	require.Zero(t, f.balance(citizen.Subject))
	require.EqualValues(t, 10, f.db.lots[aw.ID].ClawedBack)
}
